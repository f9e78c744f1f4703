/**
 * 5. FC recovers — seconds from "FC healthy again" (end of the scenario-3 hang) until ≥ 95% of pages are
 * served by FC again (every 250 ms bucket from then on, for at least 2 s). nginx comes back after
 * `fail_timeout` (one probe per window); the gateway after BREAKER_RESET_MS half-open → close.
 */
import { hangCycles } from './03-fc-hangs.mjs';
import { ratio, spread } from '../lib/stats.mjs';

export default {
  id: '5-fc-recovers',
  title: 'FC recovers: time until ≥ 95% of pages come from FC again',
  baselineName: 'nginx',
  oursName: 'gateway',
  needsNginx: true,
  async run(stack, knobs, log) {
    const cycles = await hangCycles(stack, knobs, log);
    const side = (name) => {
      const reps = cycles[name].map((cycle) => ({ recoverySeconds: cycle.recovery.seconds, recovered: cycle.recovery.recovered, observedS: cycle.recovery.observedS }));
      return { recoverySeconds: spread(reps.map((rep) => rep.recoverySeconds ?? Number.NaN)), recoveredReps: reps.filter((rep) => rep.recovered).length, reps };
    };
    const ours = side('gateway');
    const baseline = side('nginx');
    return {
      share: knobs.recoveryShare,
      failTimeoutS: knobs.failTimeoutS,
      breakerResetMs: knobs.breakerResetMs,
      ours,
      baseline,
      ratios: { recovery: ratio(ours.recoverySeconds.median, baseline.recoverySeconds.median) },
    };
  },
};
