/**
 * 2. Healthy FC — gateway `fc-first` vs nginx config A, both in front of the same healthy FC emulator;
 * FC called directly is the reference for the latency each proxy adds.
 */
import { interleaved } from '../lib/measure.mjs';
import { ratio, round } from '../lib/stats.mjs';

export default {
  id: '2-healthy-fc',
  title: 'Healthy FC: gateway fc-first vs nginx',
  baselineName: 'nginx',
  oursName: 'gateway',
  needsNginx: true,
  async run(stack, knobs, log) {
    const fc = await stack.fc();
    await fc.heal();
    const [gateway, nginx] = await Promise.all([stack.gateway('fc-first'), stack.nginx()]);
    const direct = { name: 'fc-direct', url: fc.url, classify: () => 'fc' };
    const measured = await interleaved({ gateway, nginx, 'fc-direct': direct }, knobs, log);
    const added = (name, field) => round(measured[name][field].median - measured['fc-direct'][field].median);
    return {
      ours: measured.gateway,
      baseline: measured.nginx,
      reference: { 'fc-direct': measured['fc-direct'] },
      ratios: {
        throughput: ratio(measured.gateway.rps.median, measured.nginx.rps.median),
        p50: ratio(measured.gateway.p50.median, measured.nginx.p50.median),
        p99: ratio(measured.gateway.p99.median, measured.nginx.p99.median),
      },
      added: {
        ours: { p50Ms: added('gateway', 'p50'), p99Ms: added('gateway', 'p99') },
        baseline: { p50Ms: added('nginx', 'p50'), p99Ms: added('nginx', 'p99') },
      },
    };
  },
};
