// EMU_ERROR_RATE=1 with EMU_ERROR_STATUS: every call gets that 5xx, on both endpoints, and the function never runs.
import t from 'tap';
import { faultsFromEnv, startEmulator } from '../../functions/emulator/index.js';

const fc = await startEmulator({ faults: faultsFromEnv({ EMU_ERROR_RATE: '1', EMU_ERROR_STATUS: '502' }) });
t.teardown(() => fc.close());
t.test('both endpoints answer the configured 5xx', async (t) => {
  const trigger = await fetch(`${fc.url}/products/1001`);
  t.equal(trigger.status, 502);
  t.match(await trigger.json(), { Code: 'InternalServerError' });
  const invoke = await fetch(`${fc.url}/2023-03-30/functions/ssr-render/invocations`, { method: 'POST', body: '{"url":"/","headers":{}}' });
  t.equal(invoke.status, 502);
  await invoke.arrayBuffer();
  t.equal(fc.stats().outcomes.error, 2);
  t.equal(fc.stats().coldStarts, 0, 'no instance was started');
});
