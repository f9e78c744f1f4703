// A GET page never reads a request body. A GET that announces one with `Expect: 100-continue` gets its page
// (the status line is the page's, never `100 Continue` first) and the connection closes after it, instead
// of the gateway inviting, then reading and discarding, a body nobody uses. A POST to a proxied route, which
// does read its body, still gets its 100 (test/gateway/proxy-answers-expect-100-continue-and-forwards-the-body.test.ts).
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { openRaw } from '../helpers/raw-http.js';

t.test('GET with Expect: 100-continue and a body gets the page and a closed connection', async (t) => {
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' } });
  const client = await openRaw(t, Number(new URL(gateway.url).port));
  client.write('GET /products/1001 HTTP/1.1\r\nHost: shop.example.com\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n');
  const answer = await client.response();
  t.equal(answer.status, 200, 'the first status line is the page, not 100 Continue');
  t.equal(answer.headers['x-render-by'], 'local');
  t.match(answer.body, '</html>');
  t.equal(answer.headers.connection, 'close', 'the answer says the connection closes');
  await client.closed();
  t.pass('the gateway closed the connection without reading the body');
});
