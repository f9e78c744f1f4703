// A keep-alive connection left idle after an answer is closed after HTTP_KEEP_ALIVE_TIMEOUT_MS (default
// 65 s: above the 60 s upstream keep-alive of ingress-nginx and most load balancers, so the proxy in front
// always closes first and never sends a request on a socket the gateway is closing), and the answer
// announces it in `keep-alive: timeout=N`.
import t from 'tap';
import { loadConfig } from '../../server/config.js';
import { startGateway } from '../helpers/gateway.js';
import { openRaw } from '../helpers/raw-http.js';

t.test('the default is above the usual 60 s proxy keep-alive', async (t) => {
  t.equal(loadConfig({}).http.keepAliveTimeoutMs, 65_000);
});

t.test('an idle keep-alive connection is closed at the keep-alive timeout', async (t) => {
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000' } });
  const client = await openRaw(t, Number(new URL(gateway.url).port));
  client.write('GET /healthz HTTP/1.1\r\nHost: shop.example.com\r\n\r\n');
  const answer = await client.response();
  t.equal(answer.status, 200);
  t.equal(answer.headers['keep-alive'], 'timeout=1', 'the answer announces the idle timeout');
  t.equal(client.isClosed, false, 'the connection stays open for the next request');
  await client.closed();
  t.pass('and is closed when it stays idle');
});
