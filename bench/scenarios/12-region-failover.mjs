/**
 * 12. Region failover — the same function in two FC regions (two emulator processes), region A hangs under
 * load for BENCH_FAILOVER_S. Measured for each side: seconds from the fault until ≥ 95% of pages come from
 * region B (every 500 ms bucket from then on, for at least 2 s), the p99/max and failed requests during the
 * switch (fault → switched, or the whole fault when it never switched), and, after A is healed, seconds until
 * ≥ 95% come from A again.
 *
 * Who answered is counted by the regions themselves: each emulator's `ok` outcomes, polled every 500 ms,
 * against the pages the load received in the same interval (x-render-by / $upstream_addr only tell "FC" from
 * "local", not which region). The gateway's health probes of B are also `ok` calls — one per
 * BENCH_HC_INTERVAL_MS, against hundreds of pages a second — so the share can be overstated by well under 1%.
 *
 * Ours: the gateway with a sites file (A then B, fallback local, active health checks BENCH_HC_*). Baseline:
 * nginx with A primary, B `backup` (passive checks: max_fails=1 per fail_timeout) and the local renderer
 * behind both (bench/lib/nginx.mjs nginxRegionsConfig).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad } from '../lib/load.mjs';
import { pageUrl } from '../lib/measure.mjs';
import { assertAlive } from '../lib/processes.mjs';
import { latencySummary, ratio, round, spread, summarizeReps } from '../lib/stats.mjs';

const BUCKET_MS = 500;
const TAIL_MS = 2000;
const SHARE = 0.95;

/** Poll both regions' `ok` counts every BUCKET_MS until stopped. */
function pollRegions(regions) {
  const samples = [];
  let running = true;
  const read = async () => {
    const [a, b] = await Promise.all([regions.a.stats(), regions.b.stats()]);
    samples.push({ t: Date.now(), a: a.outcomes.ok, b: b.outcomes.ok });
  };
  const done = (async () => {
    await read();
    while (running) {
      await sleep(BUCKET_MS);
      await read();
    }
  })();
  return { samples, stop: async () => { running = false; await done; } };
}

/**
 * Per poll interval: pages received, and the share region `name` answered (its ok calls / pages, capped at 1).
 * @returns {{ from: number, to: number, pages: number, share: number }[]}
 */
export function shareBuckets(samples, records, name) {
  const buckets = [];
  // Records arrive in time order: one pass with a moving index.
  let next = 0;
  for (let i = 1; i < samples.length; i++) {
    const from = samples[i - 1].t;
    const to = samples[i].t;
    while (next < records.length && records[next].t <= from) next++;
    let pages = 0;
    while (next < records.length && records[next].t <= to) { pages++; next++; }
    const answered = samples[i][name] - samples[i - 1][name];
    buckets.push({ from, to, pages, share: pages > 0 ? Math.min(1, answered / pages) : Number.NaN });
  }
  return buckets;
}

/**
 * Ms after `since` until the share settled at ≥ SHARE: the start of the first bucket (with pages) of the final
 * run of buckets that are all ≥ SHARE or empty, provided that run lasts ≥ 2 s to the end; undefined otherwise.
 * Empty buckets are neutral inside the run but never start it: while every connection waits on a hung call,
 * no page comes from anywhere, and that time counts.
 */
export function settledAfter(buckets, since) {
  let from;
  for (let i = buckets.length - 1; i >= 0; i--) {
    const bucket = buckets[i];
    if (bucket.to <= since) break;
    if (Number.isNaN(bucket.share)) continue;
    if (bucket.share >= SHARE) from = i;
    else break;
  }
  if (from === undefined) return undefined;
  if (buckets[buckets.length - 1].to - buckets[from].from < TAIL_MS) return undefined;
  return Math.max(0, buckets[from].from - since);
}

/** Load until region A answers ≥ 95% again (or `maxS`); resolves the seconds it took, or null. */
async function untilRegionA(target, regions, knobs, maxS) {
  const url = pageUrl(target, knobs);
  const poll = pollRegions(regions);
  const started = Date.now();
  let settledMs;
  const load = await runLoad({
    url, connections: knobs.connections, duration: maxS, classify: target.classify, keepSamples: true,
    until: (records) => (settledMs = settledAfter(shareBuckets(poll.samples, records, 'a'), started)) !== undefined,
  });
  await poll.stop();
  settledMs ??= settledAfter(shareBuckets(poll.samples, load.records, 'a'), started);
  return settledMs === undefined ? null : round(settledMs / 1000, 2);
}

/** One failover: A healthy and serving, A hangs for failoverS under load, A healed and serving again. */
async function failover(target, regions, knobs) {
  await Promise.all([regions.a.heal(), regions.b.heal()]);
  const startedOnA = await untilRegionA(target, regions, knobs, knobs.recoveryMaxS);
  const url = pageUrl(target, knobs);
  const poll = pollRegions(regions);
  await sleep(BUCKET_MS);
  await regions.a.setFaults({ hangRate: 1 });
  const faultAt = Date.now();
  const during = await runLoad({ url, connections: knobs.connections, duration: knobs.failoverS, classify: target.classify, keepSamples: true });
  await poll.stop();
  await regions.a.heal();
  assertAlive(target);
  const records = during.records.filter((record) => record.t >= faultAt);
  const switchedMs = settledAfter(shareBuckets(poll.samples, records, 'b'), faultAt);
  const switchEnd = switchedMs === undefined ? Infinity : faultAt + switchedMs;
  // Requests sent before the switch settled (their answer may come later: a hung call pays its timeout).
  const inSwitch = records.filter((record) => record.t - record.latency <= switchEnd);
  const latency = latencySummary(inSwitch.map((record) => record.latency));
  const healedBack = await untilRegionA(target, regions, knobs, knobs.recoveryMaxS);
  return {
    startedOnA: startedOnA !== null,
    switchSeconds: switchedMs === undefined ? null : round(switchedMs / 1000, 2),
    switched: switchedMs !== undefined,
    // During the switch: requests sent from the fault until ≥ 95% came from B (the whole fault if it never did).
    p99: latency.p99,
    max: latency.max,
    failed: inSwitch.filter((record) => record.status >= 500).length,
    switchPages: inSwitch.length,
    localShare: inSwitch.length ? round(inSwitch.filter((record) => record.by === 'local').length / inSwitch.length, 3) : 0,
    // The whole fault window.
    faultP99: during.p99,
    faultFailed: during.errors + records.filter((record) => record.status >= 500).length,
    rps: during.rps,
    backToASeconds: healedBack,
  };
}

export default {
  id: '12-region-failover',
  title: 'Region failover: region A hangs, time until ≥ 95% of pages come from region B',
  baselineName: 'nginx (A, B backup, local via error_page)',
  oursName: 'gateway (sites file, A then B, health checks)',
  needsNginx: true,
  async run(stack, knobs, log) {
    const regions = await stack.regions();
    const targets = { gateway: await stack.regionsGateway(), nginx: await stack.nginxRegions() };
    const reps = { gateway: [], nginx: [] };
    for (let rep = 0; rep < knobs.reps; rep++) {
      const order = rep % 2 === 0 ? ['gateway', 'nginx'] : ['nginx', 'gateway'];
      for (const name of order) {
        const result = await failover(targets[name], regions, knobs);
        log(`  rep ${rep + 1}/${knobs.reps} ${name}: ≥95% from B after ${result.switchSeconds ?? '—'} s; during the switch p99 ${result.p99} ms, max ${result.max} ms, ${result.failed} failed of ${result.switchPages}; back on A ${result.backToASeconds ?? '—'} s after healing`);
        reps[name].push(result);
      }
    }
    // null (never switched / never back on A) is not a number: those two get a spread of their own, like scenario 5.
    const side = (name) => ({
      ...summarizeReps(reps[name]),
      switchSeconds: spread(reps[name].map((r) => r.switchSeconds ?? Number.NaN)),
      backToASeconds: spread(reps[name].map((r) => r.backToASeconds ?? Number.NaN)),
      switchedReps: reps[name].filter((r) => r.switched).length,
      reps: reps[name],
    });
    const ours = side('gateway');
    const baseline = side('nginx');
    return {
      share: SHARE,
      failoverSeconds: knobs.failoverS,
      targetTimeoutMs: knobs.fcTimeoutMs,
      failTimeoutS: knobs.failTimeoutS,
      healthCheck: knobs.healthCheck,
      ours,
      baseline,
      ratios: {
        switch: ratio(ours.switchSeconds.median, baseline.switchSeconds.median),
        p99: ratio(ours.p99.median, baseline.p99.median),
        failed: ratio(ours.failed.median, baseline.failed.median),
      },
    };
  },
};
