// The custom runtime (ROLE=function) behind the emulator's custom-container mode answers FC's HTTP-trigger
// GET /healthz and InvokeFunction's {"url":"/healthz"} (POST /invoke) without calling its render.
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';
import { buildCustomRuntime } from '../../functions/custom-runtime.js';
import { loadConfig } from '../../server/config.js';

let renders = 0;
const app = buildCustomRuntime(loadConfig({ ROLE: 'function', LOG_LEVEL: 'silent', PORT: '0', WARMUP_PATHS: '' }), {
  clientBuild: undefined,
  render: async () => {
    renders += 1;
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, html: '<!DOCTYPE html><title>page</title>' };
  },
});
t.teardown(() => app.close());
const containerUrl = await app.listen({ host: '127.0.0.1', port: 0 });
const fc = await startEmulator({ containerUrl });
t.teardown(() => fc.close());
await app.whenWarm();
const before = renders;

t.test('HTTP trigger GET /healthz', async (t) => {
  const response = await fetch(`${fc.url}/healthz`);
  t.equal(response.status, 200);
  t.same(await response.json(), { status: 'ok' });
});

t.test('InvokeFunction with the health payload', async (t) => {
  const response = await fetch(`${fc.url}/2023-03-30/functions/ssr-render/invocations`, { method: 'POST', body: JSON.stringify({ url: '/healthz', headers: {} }) });
  t.equal(response.status, 200);
  t.match(await response.json(), { status: 200, html: '{"status":"ok"}' });
});

t.test('a page still renders, the probes did not', async (t) => {
  t.equal(renders, before, 'no render for the probes');
  const response = await fetch(`${fc.url}/2023-03-30/functions/ssr-render/invocations`, { method: 'POST', body: JSON.stringify({ url: '/products/1', headers: {} }) });
  t.match(await response.json(), { status: 200, html: /page/ });
  t.equal(renders, before + 1, 'the render is counted');
});
