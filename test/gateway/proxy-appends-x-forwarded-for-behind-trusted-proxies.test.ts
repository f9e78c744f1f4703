// Behind an Ingress (TRUST_PROXY_HOPS=1: the peer is a proxy that writes X-Forwarded-*), the gateway
// appends its peer to the part of X-Forwarded-For written by trusted hops, drops the untrusted rest
// (whatever the end client claimed), and takes X-Forwarded-Proto/Host from the trusted proxy (its last
// entry), so an upstream behind a TLS-terminating Ingress still learns the request was https.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { startRecordingUpstream } from '../helpers/proxied-service.js';

t.test('the trusted part of X-Forwarded-For is appended to, proto and host come from the trusted proxy', async (t) => {
  const api = await startRecordingUpstream(t);
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${api.url}`, TRUST_PROXY_HOPS: '1' } });
  const answer = await fetch(`${gateway.url}/api/whoami`, {
    headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example.com' },
  });
  await answer.text();
  t.equal(answer.status, 200);
  const seen = api.received[0]!.headers;
  t.equal(seen['x-forwarded-for'], '203.0.113.7, 127.0.0.1', 'the Ingress\'s entry, then the peer; the client\'s claim is dropped');
  t.equal(seen['x-forwarded-proto'], 'https', 'proto from the trusted proxy');
  t.equal(seen['x-forwarded-host'], 'shop.example.com', 'host from the trusted proxy');

  const direct = await fetch(`${gateway.url}/api/direct`);
  await direct.text();
  t.equal(api.received[1]!.headers['x-forwarded-for'], '127.0.0.1', 'without a chain: just the peer');
  t.equal(api.received[1]!.headers['x-forwarded-proto'], 'http', 'without a forwarded proto: the connection\'s scheme');
});
