/**
 * The render cache's bench scenarios (9 cached pages, 10 FC hangs with a warm cache) run at a tiny size
 * against the real processes (gateway with the cache on, nginx with proxy_cache, the FC emulator) and
 * produce well-formed results. Never a timing threshold, never whether a goal was met. Its own file so
 * harness-smoke.test.ts stays inside tap's per-file timeout. Needs nginx and bench/node_modules.
 */
import { existsSync } from 'node:fs';
import t from 'tap';

const root = new URL('../../', import.meta.url);
const finite = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
const isSpread = (value: unknown): boolean => {
  const s = value as { median: number; min: number; max: number } | undefined;
  return !!s && finite(s.median) && finite(s.min) && finite(s.max) && s.min <= s.median && s.median <= s.max;
};

if (!existsSync(new URL('bench/node_modules/autocannon/package.json', root))) {
  t.fail('bench/node_modules is missing: run `sh scripts/bench-deps.sh`');
} else {
  const { readKnobs } = await import('../../bench/lib/knobs.mjs');
  const { runSuite } = await import('../../bench/lib/suite.mjs');
  const { toMarkdown } = await import('../../bench/lib/report.mjs');
  const { findNginx, NGINX_MISSING } = await import('../../bench/lib/nginx.mjs');
  const { runningChildren, stopAll } = await import('../../bench/lib/processes.mjs');
  t.teardown(() => stopAll());
  const knobs = readKnobs({}, { quick: true, durationS: 1, warmupS: 0, connections: 4, reps: 1, only: ['9', '10'] });

  t.test('scenarios 9 and 10 produce well-formed results', { skip: findNginx() ? false : NGINX_MISSING }, async (t) => {
    const results = await runSuite(knobs);
    t.equal(runningChildren(), 0, 'no child process is left running');
    t.same(Object.keys(results.scenarios).sort(), ['10-fc-hangs-warm-cache', '9-cached-pages']);
    const s = results.scenarios as Record<string, any>;
    for (const [id, r] of Object.entries(s)) t.notOk(r.error, `${id} ran without error`);

    const r9 = s['9-cached-pages'];
    for (const side of [r9.ours, r9.baseline]) for (const field of ['rps', 'p50', 'p99', 'errors', 'non2xx']) t.ok(isSpread(side[field]), `9.${field}`);
    t.ok(r9.ours.reps.every((rep: any) => rep.requests > 0 && rep.servedFromCache === rep.requests), '9: every measured gateway answer came from its cache');
    t.ok(r9.baseline.reps.every((rep: any) => rep.requests > 0 && rep.servedFromCache === rep.requests), '9: and every nginx answer from proxy_cache');
    t.ok(finite(r9.ratios.throughput) && finite(r9.cpuMsPer1000Pages.ours) && finite(r9.cpuMsPer1000Pages.baseline), '9: throughput ratio and CPU per page computed');
    t.type(r9.goal.met, 'boolean');

    const r10 = s['10-fc-hangs-warm-cache'];
    for (const side of [r10.ours, r10.baseline, ...Object.values<any>(r10.reference)]) for (const field of ['p99', 'failed']) t.ok(isSpread(side[field]), `10.${field}`);
    t.ok(finite(r10.ratios.oursHangOverHealthyP99) && finite(r10.ratios.baselineHangOverHealthyP99), '10: hang/healthy p99 ratios computed');
    t.type(r10.goal.met, 'boolean');
    t.match(toMarkdown(results), /cached pages: req\/s[\s\S]*FC hangs, warm cache/, 'both rows in the report');
  });
}
