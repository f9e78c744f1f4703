// GET /status.json on the admin listener: the last minute's pages by target, fallbacks by reason,
// percentiles and the breaker per FC target, from 1 s samples of the gateway's own metrics.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';

interface Summary {
  policy: string;
  targets: Array<{ name: string; breaker: string; health: string; calls: number; failures: number }>;
  sites: Array<{ name: string; pages: number; cacheHitRatio: number; share: Record<string, number>; fallbacks: Record<string, number>; latencyMs: Record<string, number | undefined>; hedges: { delayMs: number } }>;
  emulator?: unknown;
}

async function statusWhen(adminUrl: string, done: (summary: Summary) => boolean): Promise<Summary> {
  for (;;) {
    const summary = await (await fetch(`${adminUrl}/status.json`)).json() as Summary;
    if (done(summary)) return summary;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

t.test('shares, reasons and breaker', async (t) => {
  const gateway = await startGateway(t, { env: { HEDGE_MS: '0', FC_TIMEOUT_MS: '5000', CACHE_MB: '16' } });
  for (const id of [1001, 1002, 1003]) await (await fetch(`${gateway.url}/products/${id}`)).text();
  gateway.fc!.setFaults({ errorRate: 1 });
  for (const id of [1004, 1005]) await (await fetch(`${gateway.url}/products/${id}`)).text();

  const summary = await statusWhen(gateway.adminUrl!, (s) => s.sites[0]!.pages === 5);
  t.equal(summary.policy, 'fc-first');
  const [site] = summary.sites;
  t.equal(site!.name, 'default');
  t.equal(site!.share.fc, 3 / 5, '3 of 5 pages from FC');
  t.equal(site!.share.local, 2 / 5, '2 of 5 rendered locally');
  t.same(site!.fallbacks, { FC_5XX: 2 }, 'fallbacks by reason');
  t.ok(site!.latencyMs.p50! > 0 && site!.latencyMs.p50! <= site!.latencyMs.p99!, 'percentiles from the histogram');
  t.equal(site!.hedges.delayMs, 0, 'hedging off');
  t.match(summary.targets, [{ name: 'fc-http', breaker: 'closed', health: 'degraded', calls: 5, failures: 2 }]);
  t.equal(summary.emulator, undefined, 'no fault knobs without the embedded emulator');
  const knobs = await fetch(`${gateway.adminUrl}/status/emulator/faults`);
  t.equal(knobs.status, 404, 'knob endpoint absent without the embedded emulator');
  await knobs.arrayBuffer();

  // The same page again: the render cache answers it (CACHE_MB set; the test helper turns it off by default).
  const again = await fetch(`${gateway.url}/products/1001`);
  t.equal(again.headers.get('x-render-by'), 'cache');
  await again.text();
  const cached = await statusWhen(gateway.adminUrl!, (s) => s.sites[0]!.pages === 6);
  t.equal(cached.sites[0]!.share.cache, 1 / 6, 'one page of six from the cache');
  t.equal(cached.sites[0]!.cacheHitRatio, 1 / 6, 'cache hit ratio from ssr_cache_requests_total');

  gateway.app.fcBreaker!.open();
  const open = await statusWhen(gateway.adminUrl!, (s) => s.targets[0]!.breaker === 'open');
  t.equal(open.targets[0]!.health, 'down', 'an open breaker is a target down');
});
