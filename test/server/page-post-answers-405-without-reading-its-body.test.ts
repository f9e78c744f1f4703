// A POST to a page is answered 405 (SSR_ERR_METHOD, `Allow: GET, HEAD`) as soon as its head arrives;
// its body is not read: no `100 Continue` is sent, and the connection is closed after the answer
// instead of Node reading (and discarding) a body the client may send for as long as it likes.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { openRaw } from '../helpers/raw-http.js';

t.test('a page POST with a big body still coming gets 405 at once and the connection closes', async (t) => {
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' } });
  const port = Number(new URL(gateway.url).port);

  const client = await openRaw(t, port);
  client.write('POST /products/1001 HTTP/1.1\r\nHost: shop.example.com\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\na=1');
  const answer = await client.response();
  t.equal(answer.status, 405);
  t.equal(answer.headers.allow, 'GET, HEAD');
  t.match(answer.body, 'SSR_ERR_METHOD');
  t.equal(answer.headers.connection, 'close', 'the answer says the connection closes');
  await client.closed();
  t.pass('the gateway closed the connection without reading the body');

  const expecting = await openRaw(t, port);
  expecting.write('POST /products/1001 HTTP/1.1\r\nHost: shop.example.com\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n');
  const refused = await expecting.response();
  t.equal(refused.status, 405, 'with Expect: 100-continue the 405 comes instead of a 100');
  await expecting.closed();
  t.pass('and the connection closes');
});
