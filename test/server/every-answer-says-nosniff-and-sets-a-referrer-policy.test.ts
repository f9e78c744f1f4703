// Every answer the gateway sends (pages, assets, health, error pages of every kind, proxied answers and
// the raw answers Node writes for unparseable requests) carries `x-content-type-options: nosniff` and a
// `referrer-policy` (strict-origin-when-cross-origin unless a proxied upstream or the page chose its own).
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { openRaw } from '../helpers/raw-http.js';
import { startRecordingUpstream } from '../helpers/proxied-service.js';

const POLICY = 'strict-origin-when-cross-origin';

t.test('nosniff and referrer-policy on every kind of answer', async (t) => {
  const plain = await startRecordingUpstream(t);
  const ownPolicy = await startRecordingUpstream(t, {
    answer: (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'referrer-policy': 'no-referrer' });
      response.end('{}');
    },
  });
  const gateway = await startGateway(t, {
    emulator: false,
    env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${plain.url},/own=${ownPolicy.url},/dead=http://127.0.0.1:1`, PROXY_BODY_LIMIT_BYTES: '10' },
  });
  const port = Number(new URL(gateway.url).port);

  const fetched: Array<[string, string, RequestInit?]> = [
    ['local page', '/products/1001'],
    ['app 404 page', '/products/999999'],
    ['HEAD page', '/', { method: 'HEAD' }],
    ['file-like 404', '/wp-login.php'],
    ['missing asset', '/assets/nope.js'],
    ['page POST 405', '/products/1001', { method: 'POST', body: 'x' }],
    ['bad percent-encoding 400', '/products/%E0%A4%A'],
    ['healthz', '/healthz'],
    ['readyz', '/readyz'],
    ['proxied answer', '/api/x'],
    ['proxy 502', '/dead/x'],
    ['proxy 413', '/api/x', { method: 'POST', body: 'x'.repeat(100) }],
  ];
  for (const [name, path, init] of fetched) {
    const answer = await fetch(`${gateway.url}${path}`, init);
    await answer.arrayBuffer();
    t.equal(answer.headers.get('x-content-type-options'), 'nosniff', `${name} (${answer.status}): nosniff`);
    t.equal(answer.headers.get('referrer-policy'), POLICY, `${name} (${answer.status}): referrer-policy`);
  }

  const own = await fetch(`${gateway.url}/own/x`);
  await own.text();
  t.equal(own.headers.get('x-content-type-options'), 'nosniff', 'proxied answer with its own policy: nosniff');
  t.equal(own.headers.get('referrer-policy'), 'no-referrer', "an upstream's own referrer-policy is kept");

  const raw: Array<[string, string]> = [
    ['unparseable request', 'NOT HTTP AT ALL\r\n\r\n'],
    ['oversized headers', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
    ['unknown method', 'TRACE / HTTP/1.1\r\nHost: x\r\n\r\n'],
  ];
  for (const [name, request] of raw) {
    const client = await openRaw(t, port);
    client.write(request);
    const answer = await client.response();
    t.equal(answer.headers['x-content-type-options'], 'nosniff', `${name} (${answer.status}): nosniff`);
    t.equal(answer.headers['referrer-policy'], POLICY, `${name} (${answer.status}): referrer-policy`);
  }
});
