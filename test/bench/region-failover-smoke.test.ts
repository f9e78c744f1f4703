/**
 * Bench scenario 12 (region failover) runs at a tiny size against the real processes — two FC emulator
 * regions, the gateway with a sites file and health checks, nginx with A primary / B backup / local via
 * error_page — and produces well-formed results. Never a timing threshold, never whether it switched (that
 * is what the committed runs show). Its own file so harness-smoke.test.ts stays inside tap's per-file timeout.
 * Needs nginx and bench/node_modules: `sh scripts/bench-deps.sh`.
 */
import { existsSync } from 'node:fs';
import t from 'tap';

t.setTimeout(300_000);
const root = new URL('../../', import.meta.url);
const finite = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

if (!existsSync(new URL('bench/node_modules/autocannon/package.json', root))) {
  t.fail('bench/node_modules is missing: run `sh scripts/bench-deps.sh`');
} else {
  const { readKnobs } = await import('../../bench/lib/knobs.mjs');
  const { runSuite } = await import('../../bench/lib/suite.mjs');
  const { toMarkdown } = await import('../../bench/lib/report.mjs');
  const { findNginx, NGINX_MISSING } = await import('../../bench/lib/nginx.mjs');
  const { runningChildren, stopAll } = await import('../../bench/lib/processes.mjs');
  t.teardown(() => stopAll());
  const knobs = readKnobs({}, {
    quick: true, durationS: 1, warmupS: 0, connections: 4, reps: 1, failTimeoutS: 1, breakerResetMs: 1000,
    recoveryMaxS: 8, failoverS: 3, healthCheck: { intervalMs: 1000, timeoutMs: 300, unhealthyThreshold: 2, healthyThreshold: 2 },
    only: ['12'],
  });

  t.test('scenario 12 produces well-formed results', { skip: findNginx() ? false : NGINX_MISSING }, async (t) => {
    const results = await runSuite(knobs);
    t.equal(runningChildren(), 0, 'no child process is left running');
    t.same(Object.keys(results.scenarios), ['12-region-failover']);
    const r = (results.scenarios as Record<string, any>)['12-region-failover'];
    t.notOk(r.error, 'ran without error');
    for (const side of [r.ours, r.baseline]) {
      t.equal(side.reps.length, 1, 'one failover per rep');
      for (const rep of side.reps) {
        t.ok(rep.switchSeconds === null || (finite(rep.switchSeconds) && rep.switchSeconds >= 0), 'switch seconds, or null (never switched)');
        t.ok(rep.backToASeconds === null || finite(rep.backToASeconds), 'back-on-A seconds, or null');
        t.ok(rep.switchPages > 0, 'the switch window saw pages');
        for (const field of ['p99', 'max', 'failed', 'faultP99', 'faultFailed', 'rps']) t.ok(finite(rep[field]), `${field} is a number`);
        t.ok(rep.localShare >= 0 && rep.localShare <= 1, 'local share in [0, 1]');
      }
    }
    t.ok('switch' in r.ratios && 'p99' in r.ratios, 'ratios present');
    t.match(toMarkdown(results), /\| 12 \| region A hangs/, 'the headline row is in the report');
  });
}
