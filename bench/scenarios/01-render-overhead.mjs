/**
 * 1. Render overhead — the gateway with `OFFLOAD=local-only` vs a bare `node:http` server calling the same
 * `render()`: what Fastify, request ids, logging, metrics and the offload plugin cost. Goal: ≥ 0.9 of the
 * bare throughput.
 */
import { interleaved } from '../lib/measure.mjs';
import { ratio, round } from '../lib/stats.mjs';

export default {
  id: '1-render-overhead',
  title: 'Render overhead: gateway local-only vs bare node:http + render()',
  baselineName: 'bare',
  oursName: 'gateway',
  async run(stack, knobs, log) {
    const [gateway, bare] = await Promise.all([stack.gateway('local-only'), stack.bare()]);
    const measured = await interleaved({ gateway, bare }, knobs, log);
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
      goal: { throughputRatioAtLeast: 0.9, met: throughputRatio !== null && throughputRatio >= 0.9 },
    };
  },
};
