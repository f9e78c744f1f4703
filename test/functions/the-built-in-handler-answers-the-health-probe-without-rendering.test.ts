// The built-in handler (functions/handler.ts, behind the emulator's HTTP trigger and InvokeFunction)
// answers GET /healthz and the direct-invoke payload {"url":"/healthz"} itself: the app counts its renders
// and the count does not move. (A cold instance still runs FC's initializer, which renders `/` once per
// instance: that is the instance's lifecycle, not the probe.)
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';
import { rendersSoFar } from '../fixtures/counting-app.js';

// The handler reads SSR_APP on its first invocation (it runs in this process).
process.env.SSR_APP = fileURLToPath(new URL('../fixtures/counting-app.ts', import.meta.url));
process.env.SITE_ORIGIN = 'https://shop.example.com';
const fc = await startEmulator({ functionPath: fileURLToPath(new URL('../../functions/handler.ts', import.meta.url)) });
t.teardown(() => fc.close());

// A page first: the instance is warm (initializer + the page = 2 renders).
const page = await fetch(`${fc.url}/products/1001`);
t.match(await page.text(), /rendered \/products\/1001/);
const warm = rendersSoFar();
t.equal(warm, 2, 'the counting app is the one being rendered');

t.test('HTTP trigger GET /healthz', async (t) => {
  const response = await fetch(`${fc.url}/healthz`);
  t.equal(response.status, 200);
  t.match(response.headers.get('content-type'), /^application\/json/);
  t.equal(response.headers.get('cache-control'), 'no-store');
  t.same(await response.json(), { status: 'ok' });
  const head = await fetch(`${fc.url}/healthz`, { method: 'HEAD' });
  t.equal(head.status, 200);
  t.equal(await head.text(), '');
});

t.test('InvokeFunction with the health payload', async (t) => {
  const response = await fetch(`${fc.url}/2023-03-30/functions/ssr-render/invocations`, { method: 'POST', body: JSON.stringify({ url: '/healthz', headers: {} }) });
  t.equal(response.status, 200);
  t.equal(response.headers.get('x-fc-error-type'), null);
  t.same(await response.json(), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, html: '{"status":"ok"}' });
});

t.test('no render happened for any probe', async (t) => {
  t.equal(fc.stats().coldStarts, 1, 'all on the warm instance');
  t.equal(rendersSoFar(), warm);
});
