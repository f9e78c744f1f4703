// A request `Upgrade` (h2c, websocket) used to be a 502 that never reached the upstream. The gateway does
// not switch protocols (no tunnels through PROXY_ROUTES); RFC 9110 §7.8 lets a server ignore Upgrade, so
// the field (and what Connection lists with it, e.g. HTTP2-Settings) is dropped and the request is proxied
// as plain HTTP/1.1: the client gets the upstream's ordinary answer, never a 101 and never a 502.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { openRaw } from '../helpers/raw-http.js';
import { startRecordingUpstream } from '../helpers/proxied-service.js';

t.test('h2c and websocket upgrade requests are proxied as plain HTTP', async (t) => {
  const api = await startRecordingUpstream(t);
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${api.url}` } });
  const port = Number(new URL(gateway.url).port);

  const h2c = await openRaw(t, port);
  h2c.write('GET /api/h2c HTTP/1.1\r\nHost: shop.example.com\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n');
  const h2cAnswer = await h2c.response();
  t.equal(h2cAnswer.status, 200, 'h2c: the upstream answered over HTTP/1.1');
  t.equal(h2cAnswer.body, 'upstream ok');
  t.match(api.received[0], { url: '/api/h2c' });
  t.equal(api.received[0]!.headers.upgrade, undefined, 'Upgrade is not forwarded');
  t.equal(api.received[0]!.headers['http2-settings'], undefined, 'HTTP2-Settings (listed in Connection) is not forwarded');

  const ws = await openRaw(t, port);
  ws.write('GET /api/socket HTTP/1.1\r\nHost: shop.example.com\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
  const wsAnswer = await ws.response();
  t.equal(wsAnswer.status, 200, 'websocket: the upstream answered the plain request, no 101 and no 502');
  t.equal(api.received[1]!.headers.upgrade, undefined, 'Upgrade is not forwarded');

  // Upgrade without Connection listing it (curl --http2 on some proxies, hand-written clients).
  const bare = await openRaw(t, port);
  bare.write('GET /api/bare HTTP/1.1\r\nHost: shop.example.com\r\nUpgrade: h2c\r\n\r\n');
  const bareAnswer = await bare.response();
  t.equal(bareAnswer.status, 200, 'a bare Upgrade: the upstream answered');
  t.equal(api.received[2]?.headers.upgrade, undefined, 'Upgrade is not forwarded');
});
