// PROXY_TIMEOUT_MS is one deadline for the whole proxied exchange, from the request's arrival to the end
// of the answer. A body still arriving at the deadline (here 1 byte every 100 ms of a 1000-byte body)
// is cut off: the client gets 408 (SSR_ERR_REQUEST_TIMEOUT, the client was too slow; 504 stays for an
// upstream too slow to answer) and the connection is closed, and the upstream's connection is released.
// Before the fix such a body held an upstream connection for as long as the client liked.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { openRaw } from '../helpers/raw-http.js';
import { startRecordingUpstream } from '../helpers/proxied-service.js';

t.test('a dripping body gets 408 at the deadline and frees the upstream connection', async (t) => {
  const api = await startRecordingUpstream(t);
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${api.url}`, PROXY_TIMEOUT_MS: '600' } });
  const client = await openRaw(t, Number(new URL(gateway.url).port));
  client.write('POST /api/upload HTTP/1.1\r\nHost: shop.example.com\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n');
  // The misbehaving client: one byte per 100 ms, far slower than the deadline allows.
  const drip = setInterval(() => client.write('x'), 100);
  t.teardown(() => clearInterval(drip));

  const { received } = await api.nextRequest();
  const answer = await client.response();
  clearInterval(drip);
  t.equal(answer.status, 408, 'the client is told its request took too long');
  t.match(answer.body, 'SSR_ERR_REQUEST_TIMEOUT');
  t.equal(answer.headers.connection, 'close');
  await client.closed();
  t.pass('the gateway closed the client connection');
  await api.allConnectionsClosed();
  t.equal(received.complete, false, 'the upstream never got the whole body');
  t.pass('the upstream connection was released');
});
