// PROXY_ROUTES sends a prefix to its one configured upstream (path, method, body, status pass through;
// no retries), and no request trick makes the gateway reach another host.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';

interface Seen { method: string; url: string; body: string; requestId: string | undefined; host: string | undefined }

async function upstream(t: Parameters<typeof startGateway>[0], answer: (req: IncomingMessage, res: import('node:http').ServerResponse) => void = (_req, res) => res.end('upstream ok')) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, body, requestId: req.headers['x-request-id'] as string | undefined, host: req.headers.host });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, port, seen };
}

function rawRequest(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let data = '';
    socket.on('data', (chunk) => { data += chunk; if (data.includes('\r\n\r\n')) socket.end(); });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

t.test('forwarding', async (t) => {
  const api = await upstream(t, (req, res) => {
    res.statusCode = req.url!.endsWith('/created') ? 201 : 200;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url }));
  });
  const v2 = await upstream(t);
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${api.url},/legacy=${v2.url}/v2` } });

  const got = await fetch(`${gateway.url}/api/items?x=1`, { headers: { 'x-request-id': 'req-proxy-1' } });
  t.equal(got.status, 200);
  t.same(await got.json(), { path: '/api/items?x=1' }, 'the full path and query reach the upstream');
  t.equal(api.seen[0]?.requestId, 'req-proxy-1', 'x-request-id forwarded');

  const posted = await fetch(`${gateway.url}/api/created`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
  t.equal(posted.status, 201, 'status passes through');
  await posted.text();
  t.match(api.seen[1], { method: 'POST', body: '{"a":1}' }, 'method and body pass through');

  const legacy = await fetch(`${gateway.url}/legacy/thing`);
  await legacy.text();
  t.equal(v2.seen[0]?.url, '/v2/thing', 'an upstream with a path replaces the prefix');
});

t.test('failures: one call per request, 502 dead, 504 slow', async (t) => {
  const busy = await upstream(t, (_req, res) => { res.statusCode = 503; res.end('busy'); });
  const hanging = await upstream(t, () => undefined);
  const gateway = await startGateway(t, {
    emulator: false,
    env: { OFFLOAD: 'local-only', PROXY_TIMEOUT_MS: '300', PROXY_ROUTES: `/busy=${busy.url},/hang=${hanging.url},/dead=http://127.0.0.1:1` },
  });
  const b = await fetch(`${gateway.url}/busy/x`);
  await b.text();
  t.equal(b.status, 503, "the upstream's 503 passes through");
  t.equal(busy.seen.length, 1, 'exactly one upstream call (no reply-from retries)');
  const h = await fetch(`${gateway.url}/hang/x`);
  await h.text();
  t.equal(h.status, 504, 'a hanging upstream → 504');
  const d = await fetch(`${gateway.url}/dead/x`);
  await d.text();
  t.equal(d.status, 502, 'a dead upstream → 502');
});

t.test('never an open proxy', async (t) => {
  const api = await upstream(t);
  const victim = await upstream(t);
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${api.url}` } });
  const port = Number(new URL(gateway.url).port);
  const victimHost = `127.0.0.1:${victim.port}`;

  const absolute = await rawRequest(port, `GET http://${victimHost}/api/x HTTP/1.1\r\nHost: ${victimHost}\r\nConnection: close\r\n\r\n`);
  t.match(absolute, /^HTTP\/1\.1 400/, 'absolute-form request target → 400');
  const hostTrick = await fetch(`${gateway.url}/api/x`, { headers: { host: victimHost, 'x-forwarded-host': victimHost } });
  await hostTrick.text();
  t.equal(api.seen.at(-1)?.url, '/api/x', 'a Host header does not choose the upstream');
  for (const path of [`/api//${victimHost}/x`, '/api/..%2f..%2fx', `//${victimHost}/`, `/api/%2f%2f${victimHost}/x`]) {
    const response = await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    t.match(response, /^HTTP\/1\.1 \d{3}/, `${path} answered`);
  }
  t.equal(victim.seen.length, 0, 'the victim host received nothing');

  for (const path of ['/wp-login.php', '/.env', '/favicon.ico']) {
    const response = await fetch(`${gateway.url}${path}`);
    await response.text();
    t.equal(response.status, 404, `${path} → 404`);
    t.equal(response.headers.get('x-render-by'), null, `${path} was not rendered`);
  }
});
