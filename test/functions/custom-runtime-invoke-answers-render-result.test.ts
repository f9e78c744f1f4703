// FC turns InvokeFunction into POST /invoke with an application/octet-stream body; the custom runtime
// answers the direct-invoke JSON {status, headers, html}.
import t from 'tap';
import { buildCustomRuntime } from '../../functions/custom-runtime.js';
import { loadConfig } from '../../server/config.js';

const app = buildCustomRuntime(loadConfig({ ROLE: 'function', LOG_LEVEL: 'silent', PORT: '0' }), { clientBuild: undefined });
t.teardown(() => app.close());
const base = await app.listen({ host: '127.0.0.1', port: 0 });

t.test('an octet-stream payload renders the page', async (t) => {
  const response = await fetch(`${base}/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: Buffer.from(JSON.stringify({ url: '/products/1001', headers: { 'accept-language': 'en' } })),
  });
  t.equal(response.status, 200);
  t.match(response.headers.get('content-type'), /^application\/json/);
  t.match(await response.json(), { status: 200, headers: { 'content-type': /^text\/html/ }, html: /Northwind Goods/ });
});

t.test('an application/json payload is taken too, and page statuses pass through', async (t) => {
  const response = await fetch(`${base}/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"url":"/item/1001","headers":{}}' });
  t.match(await response.json(), { status: 301, headers: { location: '/products/1001' } });
});

t.test('a payload that is not JSON answers a 400 render result', async (t) => {
  const response = await fetch(`${base}/invoke`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: 'nope' });
  t.equal(response.status, 200);
  t.match(await response.json(), { status: 400 });
});

t.test('an HTTP-trigger-shaped body is not treated as an event on /invoke', async (t) => {
  const response = await fetch(`${base}/invoke`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: '{"rawPath":"/","requestContext":{"http":{"method":"GET"}}}' });
  t.match(await response.json(), { status: 400 });
});
