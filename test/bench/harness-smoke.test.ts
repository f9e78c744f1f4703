/**
 * The bench harness cannot rot: every scenario of `npm run bench`, `npm run bench:render` and `npm run
 * bench:gateway` runs at a tiny size (about a second of load each) against the real processes, and the
 * results must be well formed — fields present, numbers finite, ratios computed. Never a timing threshold,
 * and never whether a goal was met (that is what the committed runs show). `npm run bench:render` /
 * `bench:gateway` (render-and-gateway-bench-smoke.test.ts) and `npm run soak` (soak-harness-smoke.test.ts)
 * have files of their own, so each stays inside tap's per-file timeout on a loaded machine.
 * Needs nginx and bench/node_modules: `sh scripts/bench-deps.sh`.
 */
import { existsSync } from 'node:fs';
import t from 'tap';

// Real processes under real load: on a shared 2-core machine this file can outlast tap's 180 s default.
t.setTimeout(600_000);

const DEPS = 'run `sh scripts/bench-deps.sh` (installs nginx-light with apt and the bench package with npm)';
const root = new URL('../../', import.meta.url);

/** Smoke-run by cache-scenarios-smoke.test.ts and region-failover-smoke.test.ts instead (time). */
const CACHE_SCENARIOS = ['9-cached-pages', '10-fc-hangs-warm-cache', '12-region-failover'];

const finite = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
type Spread = { median: number; min: number; max: number };
const isSpread = (value: unknown): boolean => {
  const s = value as Spread | undefined;
  return !!s && finite(s.median) && finite(s.min) && finite(s.max) && s.min <= s.median && s.median <= s.max;
};

if (!existsSync(new URL('bench/node_modules/autocannon/package.json', root))) {
  t.fail(`bench/node_modules is missing: ${DEPS}`);
} else {
  const { readKnobs } = await import('../../bench/lib/knobs.mjs');
  const { runSuite, SCENARIOS } = await import('../../bench/lib/suite.mjs');
  const { toMarkdown, toSvg } = await import('../../bench/lib/report.mjs');
  const { findNginx, NGINX_MISSING } = await import('../../bench/lib/nginx.mjs');
  const { runningChildren, stopAll } = await import('../../bench/lib/processes.mjs');
  t.teardown(() => stopAll());
  const CORE_IDS: string[] = SCENARIOS.map((s: { id: string }) => s.id).filter((id: string) => !CACHE_SCENARIOS.includes(id));

  const knobs = readKnobs({}, {
    quick: true, durationS: 1, warmupS: 0, connections: 4, reps: 1, hangS: 2, outageS: 1,
    failTimeoutS: 1, breakerResetMs: 1000, recoveryMaxS: 8, coldRuns: 2, memoryCheckpoints: [200, 400],
    newPodRate: 20, newPodS: 1,
  });

  t.test('nginx, the baseline, is installed', async (t) => {
    t.ok(findNginx(), NGINX_MISSING);
  });

  t.test('npm run bench: every scenario produces well-formed results', async (t) => {
    // Scenarios 9–10 (the render cache) have their own file, so this one stays inside tap's per-file timeout.
    const results = await runSuite({ ...knobs, only: CORE_IDS });
    t.equal(runningChildren(), 0, 'no child process is left running');
    t.match(results, { date: String, machine: { cores: Number, cpuModel: String, node: String }, settings: Object, headline: Object });
    t.same(Object.keys(results.scenarios).sort(), [...CORE_IDS].sort());
    const s = results.scenarios;
    const nginxOk = !!findNginx();
    if (!nginxOk) t.fail(`nginx-based scenarios could not run: ${DEPS}`);

    for (const [id, r] of Object.entries<Record<string, any>>(s)) {
      if (r.error && !nginxOk && /nginx/.test(r.error)) continue;
      t.notOk(r.error, `${id} ran without error`);
    }

    const throughputSide = (side: any, label: string) => {
      for (const field of ['rps', 'p50', 'p90', 'p99', 'max', 'errors', 'non2xx', 'localShare', 'fcShare']) {
        t.ok(isSpread(side?.[field]), `${label}.${field} is median/min/max`);
      }
      t.ok(Array.isArray(side?.reps) && side.reps.length === knobs.reps, `${label} has ${knobs.reps} reps`);
      t.ok(side.reps.every((rep: any) => rep.requests > 0), `${label} answered requests`);
    };

    const r1 = s['1-render-overhead'];
    throughputSide(r1.ours, '1.ours');
    throughputSide(r1.baseline, '1.baseline');
    t.ok(finite(r1.ratios.throughput), '1: throughput ratio computed');
    t.equal(r1.ratios.perPairThroughput.length, r1.ours.reps.length, '1: one ratio per process pair');
    const sorted = [...r1.ratios.perPairThroughput].sort((a: number, b: number) => a - b);
    t.ok(r1.ratios.throughput >= sorted[0] && r1.ratios.throughput <= sorted.at(-1), '1: the goal ratio is the median of the per-pair ratios');
    t.type(r1.goal.met, 'boolean');
    t.equal(r1.control.perPairThroughput.length, r1.ours.reps.length, '1: the A/A control (bare/bare) has one ratio per process pair');
    t.ok(finite(r1.control.throughput), '1: A/A control ratio computed');

    if (nginxOk) {
      const r2 = s['2-healthy-fc'];
      throughputSide(r2.ours, '2.ours');
      throughputSide(r2.baseline, '2.baseline');
      throughputSide(r2.reference['fc-direct'], '2.fc-direct');
      t.ok(finite(r2.ratios.throughput) && finite(r2.added.ours.p50Ms) && finite(r2.added.baseline.p99Ms), '2: ratio and added latency computed');

      const r3 = s['3-fc-hangs'];
      for (const side of [r3.ours, r3.baseline]) for (const field of ['p50', 'p99', 'max', 'failed']) t.ok(isSpread(side[field]), `3.${field}`);
      t.ok(finite(r3.ratios.p99), '3: p99 ratio computed');

      const r4 = s['4-brownout'];
      for (const side of [r4.ours, r4.oursUnhedged, r4.oursHedged, r4.baseline]) t.ok(isSpread(side.p99) && isSpread(side.localShare), '4: p99 and local share');
      t.ok(finite(r4.ratios.p99) && finite(r4.ratios.p99Unhedged) && finite(r4.ratios.p99Hedged), '4: p99 ratios computed');
      // The shipped default is the adaptive hedge (`auto`); a build with a fixed default reports its delay.
        t.ok(r4.defaultHedgeMs === 'auto' || (Number.isInteger(r4.defaultHedgeMs) && r4.defaultHedgeMs > 0 && r4.defaultHedgeMs < r4.fcTimeoutMs), '4: the default HEDGE_MS read from the built config');
      for (const share of Object.values<number>(r4.localShare)) t.ok(share >= 0 && share <= 1, '4: share in [0, 1]');

      const r5 = s['5-fc-recovers'];
      for (const side of [r5.ours, r5.baseline]) {
        t.equal(side.reps.length, knobs.reps, '5: one recovery per rep');
        for (const rep of side.reps) t.ok(rep.recoverySeconds === null || finite(rep.recoverySeconds), '5: seconds or null (not recovered within the cap)');
      }
      t.ok('recovery' in r5.ratios, '5: ratio present');
    }

    const r6 = s['6-cold-start'];
    t.ok(isSpread(r6.baseline.importAndFirstRenderMs), '6: ssr cold start measured');
    if (r6.bundle) {
      t.ok(r6.bundle.rawBytes > 0 && r6.bundle.gzipBytes > 0 && r6.bundle.gzipBytes < r6.bundle.rawBytes, '6: bundle sizes');
      t.ok(isSpread(r6.ours.importAndFirstRenderMs) && finite(r6.ratios.importAndFirstRender), '6: bundle cold start and ratio');
    }

    const r7 = s['7-memory'];
    t.same(r7.ours.checkpoints.map((c: any) => c.requests), [0, ...knobs.memoryCheckpoints]);
    t.ok(r7.ours.checkpoints.every((c: any) => finite(c.rssMb) && c.rssMb > 0), '7: RSS read');
    t.ok(r7.ours.checkpoints.every((c: any) => finite(c.heapAfterGcMb) && c.heapAfterGcMb > 0 && c.heapAfterGcMb < c.rssAfterGcMb), '7: heap after a full GC read from the gateway');
    t.ok(finite(r7.growth.mbPer10kRequests), '7: growth computed');

    const r8 = s['8-new-pod'];
    for (const side of [r8.ours, r8.baseline]) {
      for (const field of ['p50', 'p99', 'max', 'failed', 'requests']) t.ok(isSpread(side[field]), `8.${field} is median/min/max`);
      t.equal(side.reps.length, knobs.reps, '8: one fresh gateway per rep');
      t.ok(side.reps.every((rep: any) => rep.requests > 0), '8: the window saw requests');
    }
    t.ok(isSpread(r8.ours.readyAfterMs), '8: time to ready measured');
    t.ok(finite(r8.ratios.p99), '8: p99 ratio computed');
    t.type(r8.goal.met, 'boolean');

    const md = toMarkdown(results);
    t.match(md, /\| # \| scenario \|/, 'markdown table');
    t.match(md, /latest\.svg/, 'markdown embeds the chart');
    const svg = toSvg(results);
    t.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    t.match(svg, /<\/svg>\n$/);
    t.notMatch(svg, /NaN|undefined|Infinity/, 'svg has only finite numbers');
  });
}
