// "Any SSR server" mode: when FC fails — an FC 5xx, a hang past FC_TIMEOUT_MS, or the container not
// running at all — the page comes from your server in the cluster (FALLBACK_URL), with its status.
import t, { type Test } from 'tap';
import { startYourServer } from '../fixtures/your-ssr-server.js';
import { startGateway } from '../helpers/gateway.js';

const inFc = await startYourServer('fc-container');
const inCluster = await startYourServer('cluster');
t.teardown(() => Promise.all([inFc.close(), inCluster.close()]));
const gateway = await startGateway(t, {
  env: { SSR_APP: 'off', OFFLOAD: 'fc-first', HEDGE_MS: '0', FALLBACK_URL: inCluster.url, FC_TIMEOUT_MS: '300', BREAKER_CONSECUTIVE_FAILURES: '0', BREAKER_VOLUME: '1000' },
  emulator: { containerUrl: inFc.url },
});
const fc = gateway.fc!;

async function expectFallback(t: Test, path: string, status: number, reason: RegExp) {
  const response = await fetch(gateway.url + path, { redirect: 'manual' });
  t.equal(response.status, status);
  t.equal(response.headers.get('x-render-by'), 'local');
  t.equal(response.headers.get('x-served-by'), 'cluster');
  t.match(response.headers.get('server-timing'), reason);
  await response.arrayBuffer();
}

t.test('FC answers 503: your cluster server answers instead', async (t) => {
  fc.setFaults({ errorRate: 1 });
  t.teardown(() => fc.setFaults({ errorRate: 0 }));
  await expectFallback(t, '/', 200, /FC_5XX/);
  await expectFallback(t, '/missing', 404, /FC_5XX/);
});

t.test('FC hangs: the cluster page arrives at the FC deadline', async (t) => {
  fc.setFaults({ hangRate: 1 });
  t.teardown(() => fc.setFaults({ hangRate: 0 }));
  await expectFallback(t, '/', 200, /FC_TIMEOUT/);
});

t.test('the container is down (FunctionNotStarted): the cluster page', async (t) => {
  await inFc.close();
  await expectFallback(t, '/old-page', 301, /FC_5XX/);
});
