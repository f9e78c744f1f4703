// EMU_GARBAGE_RATE=1: 200 with a body that is not what the caller expects (broken JSON for invocations,
// non-HTML bytes for the HTTP trigger).
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

const fc = await startEmulator({ faults: { garbageRate: 1 } });
t.teardown(() => fc.close());

t.test('answers are 200 with malformed bodies', async (t) => {
  const invoke = await fetch(`${fc.url}/2023-03-30/functions/ssr-render/invocations`, { method: 'POST', body: '{"url":"/","headers":{}}' });
  t.equal(invoke.status, 200);
  t.equal(invoke.headers.get('x-fc-error-type'), null);
  const text = await invoke.text();
  t.throws(() => JSON.parse(text), SyntaxError);

  const trigger = await fetch(`${fc.url}/products/1001`);
  t.equal(trigger.status, 200);
  t.notMatch(trigger.headers.get('content-type'), /html/);
  t.notMatch(Buffer.from(await trigger.arrayBuffer()).toString('latin1'), /<html/);
});
