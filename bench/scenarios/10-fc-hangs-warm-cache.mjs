/**
 * 10. FC hangs with a warm cache — the cached gateway and nginx + proxy_cache (scenario 9's targets), both
 * warm: per repetition and side, the same load with a healthy FC, then with every FC call hanging. Reports
 * p99 and failed requests of both phases and the hang/healthy p99 ratio of each side. Goal: the gateway's
 * p99 during the hang < 1.5× its healthy p99 (an FC outage is a non-event for pages in the cache).
 */
import { runLoad } from '../lib/load.mjs';
import { pageUrl } from '../lib/measure.mjs';
import { assertAlive } from '../lib/processes.mjs';
import { ratio, summarizeReps } from '../lib/stats.mjs';
import { warmCaches } from './09-cached-pages.mjs';

export const HANG_P99_GOAL = 1.5;

export default {
  id: '10-fc-hangs-warm-cache',
  title: 'FC hangs with a warm cache',
  baselineName: 'nginx proxy_cache',
  oursName: 'gateway (cache on)',
  needsNginx: true,
  async run(stack, knobs, log) {
    const fc = await stack.fc();
    await fc.heal();
    const targets = { gateway: await stack.gateway('fc-first-cached'), nginx: await stack.nginx({ cache: true }) };
    await warmCaches(targets, knobs);
    const phases = { gateway: { healthy: [], hang: [] }, nginx: { healthy: [], hang: [] } };
    const load = (target) => runLoad({ url: pageUrl(target, knobs), connections: knobs.connections, duration: knobs.durationS, classify: target.classify });
    for (let rep = 0; rep < knobs.reps; rep++) {
      const order = rep % 2 === 0 ? ['gateway', 'nginx'] : ['nginx', 'gateway'];
      for (const name of order) {
        await fc.heal();
        const healthy = await load(targets[name]);
        await fc.setFaults({ hangRate: 1 });
        const hang = await load(targets[name]);
        await fc.heal();
        assertAlive(targets[name]);
        for (const [phase, result] of [['healthy', healthy], ['hang', hang]]) phases[name][phase].push({ ...result, failed: result.errors + result.non2xx });
        log(`  rep ${rep + 1}/${knobs.reps} ${name}: healthy p99 ${healthy.p99} ms, FC hanging p99 ${hang.p99} ms, failed ${hang.errors + hang.non2xx}, from cache ${hang.servedFromCache}/${hang.requests}`);
      }
    }
    const side = (name, phase) => ({ ...summarizeReps(phases[name][phase]), reps: phases[name][phase] });
    const ours = side('gateway', 'hang');
    const baseline = side('nginx', 'hang');
    const oursHealthy = side('gateway', 'healthy');
    const baselineHealthy = side('nginx', 'healthy');
    const oursHangOverHealthy = ratio(ours.p99.median, oursHealthy.p99.median);
    return {
      ours,
      baseline,
      reference: { 'gateway, healthy FC': oursHealthy, 'nginx proxy_cache, healthy FC': baselineHealthy },
      ratios: {
        p99: ratio(ours.p99.median, baseline.p99.median),
        oursHangOverHealthyP99: oursHangOverHealthy,
        baselineHangOverHealthyP99: ratio(baseline.p99.median, baselineHealthy.p99.median),
      },
      goal: { hangOverHealthyP99Below: HANG_P99_GOAL, met: oursHangOverHealthy !== null && oursHangOverHealthy < HANG_P99_GOAL },
    };
  },
};
