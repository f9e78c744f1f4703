// The emulator's custom-container mode (containerUrl): an HTTP-trigger call reaches the given server
// unchanged (method, path, query, headers) and its answer comes back with FC's headers added;
// InvokeFunction becomes POST /invoke on it; fault knobs still apply; a server that is down is 502.
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

const seen: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> = [];
const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  seen.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString() });
  response.writeHead(request.url === '/invoke' ? 200 : 418, { 'content-type': 'text/html', 'x-from-container': 'yes' });
  response.end(request.url === '/invoke' ? '{"status":200}' : '<p>teapot</p>');
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const containerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const fc = await startEmulator({ containerUrl });
t.teardown(async () => { await fc.close(); server.closeAllConnections(); server.close(); });

t.test('an HTTP-trigger call passes through with its path, query and headers', async (t) => {
  const response = await fetch(`${fc.url}/a/b%20c?x=1&x=2`, { headers: { 'accept-language': 'zh-CN', 'x-custom': 'v' } });
  t.equal(response.status, 418, 'the container\'s own status');
  t.equal(response.headers.get('x-from-container'), 'yes');
  t.ok(response.headers.get('x-fc-request-id'), 'FC adds its request id');
  t.equal(response.headers.get('content-disposition'), 'attachment', 'as on *.fcapp.run');
  t.equal(await response.text(), '<p>teapot</p>');
  const call = seen.at(-1)!;
  t.equal(call.method, 'GET');
  t.equal(call.url, '/a/b%20c?x=1&x=2', 'raw path and repeated query keys unchanged (no event translation)');
  t.equal(call.headers['accept-language'], 'zh-CN');
  t.equal(call.headers['x-custom'], 'v');
  t.ok(call.headers['x-fc-request-id'], 'the container sees FC\'s request id');
});

t.test('InvokeFunction becomes POST /invoke with the payload as the body', async (t) => {
  const response = await fetch(`${fc.url}/2023-03-30/functions/ssr-render/invocations`, { method: 'POST', body: '{"url":"/","headers":{}}' });
  t.equal(response.status, 200);
  t.equal(await response.text(), '{"status":200}');
  t.match(seen.at(-1), { method: 'POST', url: '/invoke', body: '{"url":"/","headers":{}}' });
});

t.test('fault knobs apply before the container is called', async (t) => {
  const before = seen.length;
  fc.setFaults({ throttleRate: 1 });
  t.teardown(() => fc.setFaults({ throttleRate: 0 }));
  const response = await fetch(`${fc.url}/`);
  t.equal(response.status, 429);
  await response.arrayBuffer();
  t.equal(seen.length, before, 'the container was not called');
});

t.test('a container that is not running is answered 502 FunctionNotStarted', async (t) => {
  const down = await startEmulator({ containerUrl: 'http://127.0.0.1:1' });
  t.teardown(() => down.close());
  const response = await fetch(`${down.url}/`);
  t.equal(response.status, 502);
  t.match(await response.json(), { Code: 'FunctionNotStarted' });
});
