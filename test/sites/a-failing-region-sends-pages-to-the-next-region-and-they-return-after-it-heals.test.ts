// Two regions run the same function. Region A answers 503 to everything: every page still arrives (the
// chain moves down to region B in the same request), A's breaker opens and its health check fails, so pages
// go straight to B. A heals: after healthyThreshold passing probes and a passing breaker trial, pages come
// from A again. No page fails at any point.
import t from 'tap';
import { createFakeTimers } from '../helpers/fake-timers.js';
import { getWithHost, startSitesGateway, until } from '../helpers/sites-gateway.js';

const HEALTH = { path: '/healthz', intervalMs: 1000, timeoutMs: 500, unhealthyThreshold: 2, healthyThreshold: 3, jitter: 0 };

t.test('pages move to region B while A fails and back to A once it passes its health checks', async (t) => {
  // The health checks run on a clock the test moves: one interval per step, each probe a real call.
  const clock = createFakeTimers();
  const gateway = await startSitesGateway(t, {
    regions: { a: {}, b: {} },
    deps: { healthClock: clock },
    env: { HEDGE_MS: '0', BREAKER_RESET_MS: '200', BREAKER_CONSECUTIVE_FAILURES: '3' },
    sites: (url) => [{
      name: 'shop', hosts: ['shop.example.com'], origin: 'https://shop.example.com',
      targets: [{ name: 'fc-a', url: url.a }, { name: 'fc-b', url: url.b }], fallback: 'local', healthCheck: HEALTH,
    }],
  });
  const { a, b } = gateway.regions as Record<'a' | 'b', NonNullable<(typeof gateway.regions)['a']>>;
  const shop = gateway.app.sites.find('shop')!;
  const [memberA] = shop.members;
  const page = () => getWithHost(gateway.url, '/products/1001', 'shop.example.com');
  /** One health-check interval: the next probe of each target runs, and the test waits for its result. */
  const probeOnce = async () => {
    const before = memberA!.health!.state().probes;
    await clock.advance(HEALTH.intervalMs);
    await until(() => memberA!.health!.state().probes > before, "region A's probe to finish");
  };
  await clock.advance(0);
  await until(() => memberA!.health!.state().probes === 1, 'the first probe');

  // Probes are calls too (GET /healthz): count page calls as the change across page requests only.
  const [a0, b0] = [a.stats().calls.http, b.stats().calls.http];
  const healthy = await page();
  t.equal(healthy.status, 200);
  t.same([a.stats().calls.http - a0, b.stats().calls.http - b0], [1, 0], 'region A, the first target, renders while it is healthy');

  a.setFaults({ errorRate: 1, errorStatus: 503 });
  for (let i = 0; i < 10; i += 1) {
    const answer = await page();
    t.equal(answer.status, 200, `page ${i} arrives while region A fails`);
    t.equal(answer.headers['x-render-by'], 'fc', `page ${i} is an FC page (from region B), not a local render`);
  }
  // Open, or already half-open again after BREAKER_RESET_MS on a slow machine: not closed either way.
  t.notOk(memberA!.breaker.closed, "region A's breaker opened on the failing pages");
  for (let i = 0; i < HEALTH.unhealthyThreshold; i += 1) await probeOnce();
  t.equal(memberA!.health!.healthy(), false, `A fails its health check after ${HEALTH.unhealthyThreshold} failed probes`);
  const aCallsWhileOut = a.stats().calls.http;
  const bBefore = b.stats().calls.http;
  for (let i = 0; i < 5; i += 1) t.equal((await page()).status, 200);
  t.equal(b.stats().calls.http - bBefore, 5, 'with A out, every page goes straight to B');
  t.equal(a.stats().calls.http, aCallsWhileOut, 'and none is sent to A (the clock is still: no probe either)');

  const metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.match(metrics, /ssr_target_healthy\{site="shop",target="fc-a"\} 0/, 'the health gauge says A is failing');
  t.match(metrics, /ssr_target_healthy\{site="shop",target="fc-b"\} 1/);
  t.match(metrics, /ssr_target_requests_total\{site="shop",target="fc-a",result="failure"\} \d+/);

  a.setFaults({ errorRate: 0 });
  for (let i = 1; i < HEALTH.healthyThreshold; i += 1) {
    await probeOnce();
    t.equal(memberA!.health!.healthy(), false, `still out after ${i} passing probe(s)`);
  }
  await probeOnce();
  t.equal(memberA!.health!.healthy(), true, `healthy again after ${HEALTH.healthyThreshold} passing probes`);
  // The breaker lets one trial through after BREAKER_RESET_MS; a good trial closes it.
  await until(async () => {
    const answer = await page();
    t.equal(answer.status, 200);
    return !memberA!.breaker.opened && !memberA!.breaker.halfOpen;
  }, "region A's breaker closed by a passing trial");
  const aBefore = a.stats().calls.http;
  const bAfter = b.stats().calls.http;
  for (let i = 0; i < 5; i += 1) t.equal((await page()).status, 200);
  t.equal(a.stats().calls.http - aBefore, 5, 'pages come from region A again');
  t.equal(b.stats().calls.http, bAfter, 'and region B gets none of them');
});
