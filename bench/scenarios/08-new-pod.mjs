/**
 * 8. New pod under load — a fresh gateway (`fc-first`, healthy FC) gets an open-loop load of
 * BENCH_NEW_POD_RATE requests/s from the moment its `/readyz` answers 200, as a Service would send it
 * its share at a scale-out: p50/p99/max of its first BENCH_NEW_POD_S seconds (cold JIT, first renders,
 * first FC connections) against the same process's steady state a little later (after as long again to
 * settle, for as long again). The baseline is that steady state, in the same run and process; the goal of
 * issue 12 is first-seconds p99 ≤ 3× steady p99. One fresh process per repetition.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startOpenLoop } from '../lib/open-loop.mjs';
import { assertAlive } from '../lib/processes.mjs';
import { summarizeSlice } from '../lib/soak-summary.mjs';
import { ratio, summarizeReps } from '../lib/stats.mjs';

export const GOAL_P99_RATIO = 3;

export default {
  id: '8-new-pod',
  title: 'New pod under load: first seconds after readiness vs the same pod\'s steady state',
  oursName: 'fresh gateway, first seconds',
  baselineName: 'same gateway, steady state',
  async run(stack, knobs, log) {
    const fc = await stack.fc();
    await fc.heal();
    const windowMs = knobs.newPodS * 1000;
    const first = [];
    const steady = [];
    for (let rep = 0; rep < knobs.reps; rep++) {
      const gateway = await stack.freshGateway('fc-first', `gateway-new-pod-${rep + 1}`);
      try {
        const path = (n) => `${knobs.page}${knobs.page.includes('?') ? '&' : '?'}new-pod=${n}`;
        const load = startOpenLoop({ rate: knobs.newPodRate, target: gateway, path, timeoutMs: 10_000 });
        await sleep(3 * windowMs);
        const records = await load.stop();
        assertAlive(gateway);
        const slice = (fromMs) => {
          const s = summarizeSlice(records.filter((r) => r.due >= fromMs && r.due < fromMs + windowMs));
          return { requests: s.sent, p50: s.p50, p99: s.p99, max: s.max, failed: s.failed, fcShare: s.answered ? s.by.fc / s.answered : 0, localShare: s.answered ? s.by.local / s.answered : 0 };
        };
        first.push({ ...slice(0), readyAfterMs: gateway.readyAfterMs });
        steady.push(slice(2 * windowMs));
        log(`  rep ${rep + 1}/${knobs.reps}: ready after ${gateway.readyAfterMs} ms; first ${knobs.newPodS} s p99 ${first.at(-1).p99} ms (max ${first.at(-1).max}), steady p99 ${steady.at(-1).p99} ms`);
      } finally {
        await gateway.stop();
      }
    }
    const ours = { ...summarizeReps(first), reps: first };
    const baseline = { ...summarizeReps(steady), reps: steady };
    const p99 = ratio(ours.p99.median, baseline.p99.median);
    return {
      rate: knobs.newPodRate,
      windowS: knobs.newPodS,
      ours,
      baseline,
      ratios: { p99, max: ratio(ours.max.median, baseline.max.median) },
      goal: { p99RatioAtMost: GOAL_P99_RATIO, met: p99 !== null && p99 <= GOAL_P99_RATIO },
    };
  },
};
