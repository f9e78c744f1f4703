// EMU_FUNCTION_ERROR_RATE=1: an invocation answers HTTP 200 + x-fc-error-type: UnhandledInvocationError and
// {errorMessage, errorType, stackTrace}, as FC does; the HTTP trigger answers 502 with the same header.
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

const fc = await startEmulator({ faults: { functionErrorRate: 1 } });
t.teardown(() => fc.close());

t.test('a function error is reported the way FC reports it', async (t) => {
  const invoke = await fetch(`${fc.url}/2023-03-30/functions/ssr-render/invocations`, { method: 'POST', body: '{"url":"/","headers":{}}' });
  t.equal(invoke.status, 200);
  t.equal(invoke.headers.get('x-fc-error-type'), 'UnhandledInvocationError');
  const body = await invoke.json() as Record<string, unknown>;
  t.same(Object.keys(body).sort(), ['errorMessage', 'errorType', 'stackTrace']);

  const trigger = await fetch(`${fc.url}/products/1001`);
  t.equal(trigger.status, 502);
  t.equal(trigger.headers.get('x-fc-error-type'), 'UnhandledInvocationError');
  await trigger.arrayBuffer();
  t.equal(fc.stats().outcomes.functionError, 2);
});
