/**
 * 1. Render overhead — the gateway with `OFFLOAD=local-only` vs a bare `node:http` server calling the same
 * `render()`: what Fastify, request ids, logging, metrics and the offload plugin cost. Goal: ≥ 0.95 of the
 * bare throughput (issue 14; issue 2 asked for 0.9).
 *
 * Every repetition starts a fresh pair of processes: a process keeps the throughput it settles on for its
 * whole life, and identical processes (gateway or bare) settled up to ±10 % apart on the 2-core bench
 * machine (docs/benchmarks.md, render overhead), so one pair measured three times is a sample of one.
 *
 * The goal is judged on the median of the per-pair ratios: the two processes of a pair are measured
 * back to back, so the host's drift (req/s of the same server halved within a minute) cancels within a
 * pair and not across pairs. The ratio of the two medians over all pairs is reported next to it.
 *
 * Each repetition also measures a second bare process (`bare-again`, the same code as `bare`): its per-pair
 * ratio to `bare` is an A/A control, the spread this host gives two identical servers measured the same
 * way. It is reported beside the goal, which it does not change; bench:instructions counts the same pair's
 * work per page in instructions, which the host's noise moves far less.
 *
 * A fourth process, `gateway-event-loop`, is the same gateway with LOCAL_RENDER_THREADS=0 (renders on its
 * event loop, as before render threads): the before/after of that change in the same pairs, reported beside.
 */
import { interleaved } from '../lib/measure.mjs';
import { createStack } from '../lib/stack.mjs';
import { median, ratio, round, summarizeReps } from '../lib/stats.mjs';

/** At least this many process pairs, whatever BENCH_REPS says: per-pair ratios ranged 0.69-1.08 over 5 pairs. */
const MIN_PAIRS = 9;

/** Median over pairs of ours/baseline for one field (the pairs' reps line up index by index). */
function pairedRatio(ours, baseline, field) {
  const value = median(ours.map((rep, i) => rep[field] / baseline[i][field]));
  return Number.isFinite(value) ? round(value, 3) : null;
}

export default {
  id: '1-render-overhead',
  title: 'Render overhead: gateway local-only vs bare node:http + render()',
  baselineName: 'bare',
  oursName: 'gateway',
  async run(stack, knobs, log) {
    const pairs = Math.max(knobs.reps, knobs.quick ? knobs.reps : MIN_PAIRS);
    const reps = { gateway: [], bare: [], 'bare-again': [], 'gateway-event-loop': [] };
    for (let pair = 0; pair < pairs; pair++) {
      const fresh = createStack(knobs);
      const [gateway, bare, bareAgain, eventLoop] = await Promise.all([fresh.gateway('local-only'), fresh.bare(), fresh.bare('bare-again'), fresh.gateway('local-only-event-loop')]);
      try {
        log(`  process pair ${pair + 1}/${pairs}`);
        // Alternate which side goes first so drift does not favour one; the control goes between them.
        const order = pair % 2 === 0
          ? { gateway, 'bare-again': bareAgain, 'gateway-event-loop': eventLoop, bare }
          : { bare, 'gateway-event-loop': eventLoop, 'bare-again': bareAgain, gateway };
        const measured = await interleaved(order, { ...knobs, reps: 1 }, log);
        for (const name of Object.keys(reps)) reps[name].push(...measured[name].reps);
      } finally {
        stack.notes.push(...fresh.notes.filter((note) => !stack.notes.includes(note)));
        await Promise.all([gateway.proc.stop(), bare.proc.stop(), bareAgain.proc.stop(), eventLoop.proc.stop()]);
      }
    }
    const measured = Object.fromEntries(Object.entries(reps).map(([name, list]) => [name, { ...summarizeReps(list), reps: list }]));
    const throughputRatio = pairedRatio(reps.gateway, reps.bare, 'rps');
    return {
      ours: measured.gateway,
      baseline: measured.bare,
      ratios: {
        throughput: throughputRatio,
        perPairThroughput: reps.gateway.map((rep, i) => round(rep.rps / reps.bare[i].rps, 3)),
        throughputOfMedians: ratio(measured.gateway.rps.median, measured.bare.rps.median),
        p50: pairedRatio(reps.gateway, reps.bare, 'p50'),
        p99: pairedRatio(reps.gateway, reps.bare, 'p99'),
      },
      // A/A: two identical bare servers, measured like the pair above.
      control: {
        throughput: pairedRatio(reps['bare-again'], reps.bare, 'rps'),
        perPairThroughput: reps['bare-again'].map((rep, i) => round(rep.rps / reps.bare[i].rps, 3)),
      },
      // The same gateway rendering on its event loop (LOCAL_RENDER_THREADS=0), against the same bare server.
      eventLoop: {
        rps: measured['gateway-event-loop'].rps,
        throughput: pairedRatio(reps['gateway-event-loop'], reps.bare, 'rps'),
        perPairThroughput: reps['gateway-event-loop'].map((rep, i) => round(rep.rps / reps.bare[i].rps, 3)),
        threadsOverEventLoop: pairedRatio(reps.gateway, reps['gateway-event-loop'], 'rps'),
      },
      added: { p50Ms: round(measured.gateway.p50.median - measured.bare.p50.median), p99Ms: round(measured.gateway.p99.median - measured.bare.p99.median) },
      goal: { throughputRatioAtLeast: 0.95, met: throughputRatio !== null && throughputRatio >= 0.95 },
    };
  },
};
