// `Expect: 100-continue` (curl sends it for bodies over 1 KB) used to be a 502 that never reached the
// upstream (undici refuses to send `expect`). The gateway answers the expectation itself (RFC 9110
// §10.1.1: a proxy may answer 100 on the origin's behalf), reads the body, and forwards the request
// without `Expect`; the upstream gets the whole body and its answer reaches the client.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { openRaw } from '../helpers/raw-http.js';
import { startRecordingUpstream } from '../helpers/proxied-service.js';

t.test('a 100-continue POST reaches the upstream with its whole body', async (t) => {
  const api = await startRecordingUpstream(t, {
    answer: (_request, response, received) => {
      response.writeHead(201, { 'content-type': 'text/plain' });
      response.end(`got ${received.body.length} bytes`);
    },
  });
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${api.url}` } });
  const client = await openRaw(t, Number(new URL(gateway.url).port));
  const body = 'x'.repeat(4000);
  client.write(`POST /api/upload HTTP/1.1\r\nHost: shop.example.com\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`);
  const interim = await client.response();
  t.equal(interim.status, 100, 'the gateway asks for the body');
  client.write(body);
  const answer = await client.response();
  t.equal(answer.status, 201, "the upstream's answer");
  t.equal(answer.body, 'got 4000 bytes');
  t.equal(api.received.length, 1, 'exactly one upstream call');
  t.equal(api.received[0]!.body.toString(), body, 'the whole body arrived');
  t.equal(api.received[0]!.headers.expect, undefined, 'Expect is not forwarded (the expectation was met here)');
});
