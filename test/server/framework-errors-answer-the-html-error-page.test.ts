// Every error Fastify or Node raises before or around a route (bad percent-encoding, unparseable request
// line, oversized headers, unknown method, too-large / unsupported / malformed bodies, an exception in a
// handler) is answered with the small HTML error page carrying its SSR_ERR_* code (in the page and in
// `x-error-code`), `no-store`, and nothing of the request echoed back. Before the fix these were
// Fastify's JSON errors, and a bad URL was echoed inside one.
import t, { type Test } from 'tap';
import { loadConfig } from '../../server/config.js';
import { createHttpHost } from '../../server/http-host.js';
import { startGateway } from '../helpers/gateway.js';
import { openRaw, type RawResponse } from '../helpers/raw-http.js';

const MARKER = 'ECHO-MARKER-7f3a';

function isErrorPage(t: Test, answer: { status: number; headers: Record<string, string | null>; body: string }, status: number, code: string, what: string) {
  t.equal(answer.status, status, `${what}: ${status}`);
  t.equal(answer.headers['content-type'], 'text/html; charset=utf-8', `${what}: HTML`);
  t.equal(answer.headers['x-error-code'], code, `${what}: x-error-code ${code}`);
  t.match(answer.body, code, `${what}: the page names ${code}`);
  t.match(answer.body, /^<!DOCTYPE html>/, `${what}: the HTML error page`);
  t.notMatch(answer.body, MARKER, `${what}: nothing of the request is echoed`);
  t.notMatch(answer.body, /FST_ERR|statusCode|at .*\.js:\d+/, `${what}: no framework code or stack`);
}

async function viaFetch(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

async function viaRaw(t: Test, port: number, request: string): Promise<RawResponse> {
  const client = await openRaw(t, port);
  client.write(request);
  return client.response();
}

t.test('gateway: URL, request-line, header and method errors', async (t) => {
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' } });
  const port = Number(new URL(gateway.url).port);
  isErrorPage(t, await viaRaw(t, port, `GET /products/${MARKER}%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n`), 400, 'SSR_ERR_BAD_URL', 'bad percent-encoding');
  isErrorPage(t, await viaRaw(t, port, `GARBAGE ${MARKER}\r\n\r\n`), 400, 'SSR_ERR_BAD_REQUEST', 'unparseable request line');
  isErrorPage(t, await viaRaw(t, port, `GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n`), 400, 'SSR_ERR_BAD_REQUEST', 'conflicting content-length');
  isErrorPage(t, await viaRaw(t, port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${MARKER}${'a'.repeat(20_000)}\r\n\r\n`), 431, 'SSR_ERR_HEADERS_TOO_LARGE', 'oversized headers');
  isErrorPage(t, await viaRaw(t, port, `TRACE /${MARKER} HTTP/1.1\r\nHost: x\r\n\r\n`), 405, 'SSR_ERR_METHOD', 'a method no route takes');
  isErrorPage(t, await viaFetch(`${gateway.url}/products/1`, { method: 'PUT', body: MARKER }), 405, 'SSR_ERR_METHOD', 'PUT on a page');
  isErrorPage(t, await viaFetch(`${gateway.url}/.env${MARKER}`), 404, 'SSR_ERR_NOT_FOUND', 'a file-like path');
});

t.test('any host: body errors and handler exceptions', async (t) => {
  const app = createHttpHost(loadConfig({ ROLE: 'renderer', LOG_LEVEL: 'silent' }));
  app.post('/echo', { bodyLimit: 100 }, async (request) => ({ got: request.body }));
  app.get('/boom', async () => { throw new Error(`internal detail ${MARKER}`); });
  t.teardown(() => app.close());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const json = { 'content-type': 'application/json' };
  isErrorPage(t, await viaFetch(`${url}/echo`, { method: 'POST', headers: json, body: `{"a": ${MARKER}` }), 400, 'SSR_ERR_BAD_REQUEST', 'malformed JSON');
  isErrorPage(t, await viaFetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': `application/${MARKER}` }, body: 'x' }), 415, 'SSR_ERR_MEDIA_TYPE', 'unsupported media type');
  isErrorPage(t, await viaFetch(`${url}/echo`, { method: 'POST', headers: json, body: `{"a":"${MARKER}${'a'.repeat(200)}"}` }), 413, 'SSR_ERR_BODY_TOO_LARGE', 'body too large');
  isErrorPage(t, await viaFetch(`${url}/boom`), 500, 'SSR_ERR_INTERNAL', 'an exception in a handler');
  isErrorPage(t, await viaFetch(`${url}/nothing-here/${MARKER}`, { method: 'DELETE' }), 404, 'SSR_ERR_NOT_FOUND', 'no route');
});
