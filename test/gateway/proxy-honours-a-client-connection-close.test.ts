// A client's `Connection: close` (RFC 9112 §9.6) used to be ignored on proxied routes: the upstream's
// `connection: keep-alive` was copied onto the answer and the socket stayed open. The gateway answers
// with `connection: close` and closes the connection after the answer.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { openRaw } from '../helpers/raw-http.js';
import { startRecordingUpstream } from '../helpers/proxied-service.js';

t.test('Connection: close from the client closes the socket after the proxied answer', async (t) => {
  const api = await startRecordingUpstream(t, {
    answer: (_request, response) => {
      response.writeHead(200, { connection: 'keep-alive', 'keep-alive': 'timeout=30', 'content-type': 'text/plain' });
      response.end('ok');
    },
  });
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${api.url}` } });
  const client = await openRaw(t, Number(new URL(gateway.url).port));
  client.write('GET /api/items HTTP/1.1\r\nHost: shop.example.com\r\nConnection: close\r\n\r\n');
  const answer = await client.response();
  t.equal(answer.status, 200);
  t.equal(answer.headers.connection, 'close', 'the answer says the connection closes');
  await client.closed();
  t.pass('the gateway closed the connection');
});
