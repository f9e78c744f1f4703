/**
 * 1. Render overhead — the gateway with `OFFLOAD=local-only` vs a bare `node:http` server calling the same
 * `render()`: what Fastify, request ids, logging, metrics and the offload plugin cost. Goal: ≥ 0.95 of the
 * bare throughput (issue 14; issue 2 asked for 0.9).
 *
 * Every repetition starts a fresh pair of processes: a gateway process keeps the throughput it settles on
 * for its whole life, and identical processes settled anywhere between ~720 and ~1090 req/s on the 2-core
 * bench machine, the bare server far less (docs/benchmarks.md, render overhead), so one pair measured three times is a sample of one.
 */
import { interleaved } from '../lib/measure.mjs';
import { createStack } from '../lib/stack.mjs';
import { ratio, round, summarizeReps } from '../lib/stats.mjs';

/** At least this many process pairs, whatever BENCH_REPS says: the median of 3 bimodal samples is fragile. */
const MIN_PAIRS = 5;

export default {
  id: '1-render-overhead',
  title: 'Render overhead: gateway local-only vs bare node:http + render()',
  baselineName: 'bare',
  oursName: 'gateway',
  async run(stack, knobs, log) {
    const pairs = Math.max(knobs.reps, knobs.quick ? knobs.reps : MIN_PAIRS);
    const reps = { gateway: [], bare: [] };
    for (let pair = 0; pair < pairs; pair++) {
      const fresh = createStack(knobs);
      const [gateway, bare] = await Promise.all([fresh.gateway('local-only'), fresh.bare()]);
      try {
        log(`  process pair ${pair + 1}/${pairs}`);
        // Alternate which side goes first so drift does not favour one.
        const order = pair % 2 === 0 ? { gateway, bare } : { bare, gateway };
        const measured = await interleaved(order, { ...knobs, reps: 1 }, log);
        for (const name of ['gateway', 'bare']) reps[name].push(...measured[name].reps);
      } finally {
        stack.notes.push(...fresh.notes.filter((note) => !stack.notes.includes(note)));
        await Promise.all([gateway.proc.stop(), bare.proc.stop()]);
      }
    }
    const measured = Object.fromEntries(Object.entries(reps).map(([name, list]) => [name, { ...summarizeReps(list), reps: list }]));
    const throughputRatio = ratio(measured.gateway.rps.median, measured.bare.rps.median);
    return {
      ours: measured.gateway,
      baseline: measured.bare,
      ratios: {
        throughput: throughputRatio,
        p50: ratio(measured.gateway.p50.median, measured.bare.p50.median),
        p99: ratio(measured.gateway.p99.median, measured.bare.p99.median),
      },
      added: { p50Ms: round(measured.gateway.p50.median - measured.bare.p50.median), p99Ms: round(measured.gateway.p99.median - measured.bare.p99.median) },
      goal: { throughputRatioAtLeast: 0.95, met: throughputRatio !== null && throughputRatio >= 0.95 },
    };
  },
};
