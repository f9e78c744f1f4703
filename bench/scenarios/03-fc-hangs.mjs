/**
 * 3. FC hangs under load (30 s; a few seconds with BENCH_QUICK) — every FC call hangs. nginx pays
 * `proxy_read_timeout` for the requests in flight and one probe per `fail_timeout`; the gateway pays
 * FC_TIMEOUT_MS until the breaker opens, then renders locally at once. Reports p50/p99/max and errors.
 * The same cycles feed scenario 5 (recovery after FC is healthy again).
 */
import { outageCycle } from '../lib/outage.mjs';
import { ratio, summarizeReps } from '../lib/stats.mjs';

/** Run (once per stack) the hang + recovery cycles for nginx and the gateway, interleaved. */
export async function hangCycles(stack, knobs, log) {
  stack.memo ??= {};
  stack.memo.hangCycles ??= (async () => {
    const targets = { gateway: await stack.gateway('fc-first'), nginx: await stack.nginx() };
    const cycles = { gateway: [], nginx: [] };
    for (let rep = 0; rep < knobs.reps; rep++) {
      const order = rep % 2 === 0 ? ['gateway', 'nginx'] : ['nginx', 'gateway'];
      for (const name of order) {
        const cycle = await outageCycle(stack, targets[name], knobs, { faults: { hangRate: 1 }, faultS: knobs.hangS });
        log(`  rep ${rep + 1}/${knobs.reps} ${name}: hang p50 ${cycle.during.p50} ms p99 ${cycle.during.p99} ms max ${cycle.during.max} ms errors ${cycle.during.errors + cycle.during.non2xx}; FC again after ${cycle.recovery.seconds ?? '—'} s`);
        cycles[name].push(cycle);
      }
    }
    return cycles;
  })();
  return stack.memo.hangCycles;
}

export default {
  id: '3-fc-hangs',
  title: 'FC hangs under load',
  baselineName: 'nginx',
  oursName: 'gateway',
  needsNginx: true,
  async run(stack, knobs, log) {
    const cycles = await hangCycles(stack, knobs, log);
    const side = (name) => {
      const reps = cycles[name].map((cycle) => ({ ...cycle.during, failed: cycle.during.errors + cycle.during.non2xx }));
      return { ...summarizeReps(reps), reps };
    };
    const ours = side('gateway');
    const baseline = side('nginx');
    return {
      hangSeconds: knobs.hangS,
      fcTimeoutMs: knobs.fcTimeoutMs,
      ours,
      baseline,
      ratios: {
        p50: ratio(ours.p50.median, baseline.p50.median),
        p99: ratio(ours.p99.median, baseline.p99.median),
        max: ratio(ours.max.median, baseline.max.median),
        throughput: ratio(ours.rps.median, baseline.rps.median),
      },
    };
  },
};
