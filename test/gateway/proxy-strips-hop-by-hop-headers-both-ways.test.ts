// RFC 9110 §7.6.1: a proxy removes the hop-by-hop fields (Connection, every name Connection lists,
// Keep-Alive, Proxy-Connection, Proxy-Authenticate, Proxy-Authorization, TE, Trailer, Transfer-Encoding,
// Upgrade) before forwarding, in both directions. Before the fix a request with `Keep-Alive: …` was a 502
// that never reached the upstream, Proxy-Authorization reached it, and the upstream's keep-alive reached
// the client.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { openRaw } from '../helpers/raw-http.js';
import { startRecordingUpstream } from '../helpers/proxied-service.js';

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

t.test('hop-by-hop request headers never reach the upstream; end-to-end ones do', async (t) => {
  const api = await startRecordingUpstream(t);
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${api.url}` } });
  const client = await openRaw(t, Number(new URL(gateway.url).port));
  client.write([
    'GET /api/items HTTP/1.1',
    'Host: shop.example.com',
    'Connection: X-Hop-Secret, x-other-hop',
    'Keep-Alive: timeout=5, max=7',
    'Proxy-Connection: keep-alive',
    'Proxy-Authorization: Basic c2VjcmV0OnNlY3JldA==',
    'TE: trailers',
    'Trailer: X-Checksum',
    'X-Hop-Secret: listed in Connection',
    'X-Other-Hop: also listed',
    'X-End-To-End: kept',
    '', '',
  ].join('\r\n'));
  const answer = await client.response();
  t.equal(answer.status, 200, 'the request reached the upstream and its answer came back');
  const seen = api.received[0]!.headers;
  for (const name of [...HOP_BY_HOP, 'x-hop-secret', 'x-other-hop']) {
    if (name === 'connection') {
      // undici's own connection management may say keep-alive; never the client's list.
      t.notMatch(seen.connection ?? '', /x-hop-secret|x-other-hop/i, 'the client\'s Connection list is not forwarded');
    } else {
      t.equal(seen[name], undefined, `${name} did not reach the upstream`);
    }
  }
  t.equal(seen['x-end-to-end'], 'kept', 'an end-to-end header passes');
});

t.test('hop-by-hop answer headers never reach the client; end-to-end ones do', async (t) => {
  const api = await startRecordingUpstream(t, {
    answer: (_request, response) => {
      response.writeHead(200, {
        'content-type': 'text/plain',
        connection: 'keep-alive, X-Upstream-Hop',
        'keep-alive': 'timeout=5, max=7',
        'proxy-authenticate': 'Basic realm="upstream"',
        'proxy-connection': 'keep-alive',
        trailer: 'X-Checksum',
        upgrade: 'h2c',
        'x-upstream-hop': 'listed in Connection',
        'x-kept': 'yes',
      });
      response.end('ok');
    },
  });
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${api.url}` } });
  const client = await openRaw(t, Number(new URL(gateway.url).port));
  client.write('GET /api/items HTTP/1.1\r\nHost: shop.example.com\r\n\r\n');
  const answer = await client.response();
  t.equal(answer.status, 200);
  t.equal(answer.body, 'ok');
  t.equal(answer.headers['x-kept'], 'yes', 'an end-to-end header passes');
  for (const name of ['proxy-authenticate', 'proxy-connection', 'trailer', 'upgrade', 'x-upstream-hop']) {
    t.equal(answer.headers[name], undefined, `${name} from the upstream did not reach the client`);
  }
  // The gateway's own connection management (its keep-alive timeout) is fine; the upstream's is not.
  t.notMatch(answer.headers['keep-alive'] ?? '', /max=7/, 'the upstream\'s keep-alive did not reach the client');
  t.notMatch(answer.headers.connection ?? '', /x-upstream-hop/i, 'the upstream\'s Connection list did not reach the client');
  t.equal(answer.rawHeaderNames.filter((name) => name.toLowerCase() === 'connection').length <= 1, true, 'at most one Connection line');
});
