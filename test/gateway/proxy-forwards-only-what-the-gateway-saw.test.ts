// With TRUST_PROXY_HOPS=0 (the default) nothing a client says about where it came from is forwarded
// as a fact: X-Forwarded-For is the peer address the gateway saw (a client-sent chain is dropped, so an
// upstream reading the left-most entry cannot be lied to), X-Forwarded-Proto is the scheme of the
// gateway's own connection and X-Forwarded-Host the request's Host; a client's Forwarded and X-Real-IP
// are dropped. Before the fix the client's X-Forwarded-* passed through unchanged.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { startRecordingUpstream } from '../helpers/proxied-service.js';

t.test('client-sent forwarding headers are replaced by what the gateway saw', async (t) => {
  const api = await startRecordingUpstream(t);
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${api.url}` } });
  const answer = await fetch(`${gateway.url}/api/whoami`, {
    headers: {
      'x-forwarded-for': '6.6.6.6, 7.7.7.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.example',
      forwarded: 'for=6.6.6.6;proto=https;host=evil.example',
      'x-real-ip': '6.6.6.6',
    },
  });
  await answer.text();
  t.equal(answer.status, 200);
  const seen = api.received[0]!.headers;
  t.equal(seen['x-forwarded-for'], '127.0.0.1', 'X-Forwarded-For is the peer the gateway saw');
  t.equal(seen['x-forwarded-proto'], 'http', 'X-Forwarded-Proto is the gateway connection\'s scheme');
  t.equal(seen['x-forwarded-host'], new URL(gateway.url).host, 'X-Forwarded-Host is the request\'s Host');
  t.equal(seen.forwarded, undefined, 'a client\'s Forwarded is dropped');
  t.equal(seen['x-real-ip'], undefined, 'a client\'s X-Real-IP is dropped');
  t.equal(seen.host, `127.0.0.1:${api.port}`, 'the upstream gets its own Host');
});
