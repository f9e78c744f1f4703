// A client that opens a connection and sends its request head slowly (slowloris), or nothing at all,
// is answered 408 (SSR_ERR_REQUEST_TIMEOUT, the HTML error page) and disconnected once
// HTTP_HEADERS_TIMEOUT_MS has passed, instead of holding a socket for Node's 60 s + 30 s check interval.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { openRaw } from '../helpers/raw-http.js';

t.test('slow and silent request heads are cut off', async (t) => {
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', HTTP_HEADERS_TIMEOUT_MS: '1000' } });
  const port = Number(new URL(gateway.url).port);

  const slow = await openRaw(t, port);
  slow.write('GET / HTTP/1.1\r\nHost: shop.example.com\r\n');
  // The misbehaving client: one more header line every 200 ms, never the end of the head.
  let n = 0;
  const drip = setInterval(() => slow.write(`X-Drip-${n++}: 1\r\n`), 200);
  t.teardown(() => clearInterval(drip));
  const answer = await slow.response();
  clearInterval(drip);
  t.equal(answer.status, 408, 'a slow head gets 408');
  t.match(answer.body, 'SSR_ERR_REQUEST_TIMEOUT');
  await slow.closed();
  t.pass('and is disconnected');

  const silent = await openRaw(t, port);
  await silent.closed();
  t.pass('a connection that never sends a byte is closed');
});
