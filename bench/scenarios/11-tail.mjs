/**
 * 11. Issue 14's goals, each against its baseline in the same run, with the shipped defaults (adaptive hedge,
 * hedge budget, slow-call rule, bounded local queue):
 * - healthy FC: gateway `fc-first` vs a bare node:http keep-alive proxy (bench/servers/bare-proxy.mjs) in front
 *   of the same FC, with FC called directly as the reference. Goal: throughput ≥ 0.8 × the bare proxy.
 * - brownout (30 % of FC calls take 2 s): the same gateway's p99 vs its healthy-FC p99 from this run. Goal:
 *   ≤ 3×, ≥ 65 % of pages rendered by FC, 0 failed.
 * - FC all slow (every call 800 ms, answering): FC calls per page once the slow-call rule has tripped.
 *   Goal: ≤ 0.2.
 * - FC hangs: the gateway's p99 during the hang vs `local-only` at the same load, half of it run just before
 *   and half just after the hang. Goal: ≤ 1.2×, 0 failed.
 * (Local-only vs a bare node:http render server is scenario 1.)
 */
import { runLoad, summarizeRecords } from '../lib/load.mjs';
import { interleaved, pageUrl, waitUntilServedByFc } from '../lib/measure.mjs';
import { outageCycle } from '../lib/outage.mjs';
import { assertAlive } from '../lib/processes.mjs';
import { ratio, round, summarizeReps } from '../lib/stats.mjs';

const failed = (r) => r.errors + r.non2xx;

export default {
  id: '11-tail',
  title: 'Issue 14: adaptive hedge, slow-call rule, bounded queue, proxy path — each against its baseline',
  baselineName: 'bare proxy / healthy FC / local-only',
  oursName: 'gateway fc-first (defaults)',
  async run(stack, knobs, log) {
    const fc = await stack.fc();
    await fc.heal();
    const [gateway, bareProxy, localOnly] = await Promise.all([stack.gateway('fc-first'), stack.bareProxy(), stack.gateway('local-only')]);
    const direct = { name: 'fc-direct', url: fc.url, classify: () => 'fc', upstreams: [fc] };

    log('  healthy FC: gateway vs bare node:http proxy vs FC direct');
    const healthy = await interleaved({ gateway, 'bare-proxy': bareProxy, 'fc-direct': direct }, knobs, log);

    log(`  brownout: ${Math.round(knobs.brownoutRate * 100)}% of FC calls ${knobs.brownoutMs} ms`);
    await fc.setFaults({ slowRate: knobs.brownoutRate, slowMs: knobs.brownoutMs });
    let brownout;
    try {
      brownout = await interleaved({ gateway }, { ...knobs, warmupS: Math.max(knobs.warmupS, 2) }, log);
    } finally {
      await fc.heal();
    }

    log('  FC all slow: every call 800 ms');
    await waitUntilServedByFc(gateway, knobs);
    await fc.setFaults({ latencyMs: 800 });
    let allSlow;
    try {
      const url = pageUrl(gateway, knobs);
      const trip = await runLoad({ url, connections: knobs.connections, duration: Math.max(3, knobs.warmupS), classify: gateway.classify });
      const before = (await fc.stats()).calls.total;
      const measured = await runLoad({ url, connections: knobs.connections, duration: knobs.durationS * knobs.reps, classify: gateway.classify });
      const fcCalls = (await fc.stats()).calls.total - before;
      assertAlive(gateway);
      allSlow = { trip, measured, fcCalls, fcCallsPerPage: measured.requests ? round(fcCalls / measured.requests, 4) : null };
      log(`  all slow: ${measured.requests} pages, ${fcCalls} FC calls (${allSlow.fcCallsPerPage} per page), p99 ${measured.p99} ms, failed ${failed(measured)}`);
    } finally {
      await fc.heal();
    }

    log(`  FC hangs ${knobs.hangS} s: gateway vs local-only at the same load`);
    const hang = { gateway: [], 'local-only': [] };
    for (let rep = 0; rep < knobs.reps; rep++) {
      // The baseline runs half before and half after the hang: on a shared host throughput drifts by 10-40 %
      // within a minute, and a baseline taken only after the hang measured the drift more than the gateway.
      const localRun = () => runLoad({ url: pageUrl(localOnly, knobs), connections: knobs.connections, duration: Math.max(1, knobs.hangS / 2), classify: localOnly.classify, keepSamples: true });
      const before = await localRun();
      const cycle = await outageCycle(stack, gateway, knobs, { faults: { hangRate: 1 }, faultS: knobs.hangS });
      hang.gateway.push({ ...cycle.during, failed: failed(cycle.during) });
      const after = await localRun();
      assertAlive(localOnly);
      const plain = { ...summarizeRecords([...before.records, ...after.records], 2 * Math.max(1, knobs.hangS / 2)), errors: before.errors + after.errors };
      hang['local-only'].push({ ...plain, failed: failed(plain) });
      log(`  rep ${rep + 1}/${knobs.reps} hang: gateway p99 ${cycle.during.p99} ms failed ${failed(cycle.during)}; local-only p99 ${plain.p99} ms failed ${failed(plain)}`);
    }
    await fc.heal();
    const hangSide = (name) => ({ ...summarizeReps(hang[name]), reps: hang[name] });
    const hangOurs = hangSide('gateway');
    const hangLocal = hangSide('local-only');

    const brownoutFailed = brownout.gateway.reps.reduce((sum, r) => sum + failed(r), 0);
    const hangFailed = hang.gateway.reduce((sum, r) => sum + r.failed, 0);
    const goals = {
      healthyThroughputVsBareProxy: { value: ratio(healthy.gateway.rps.median, healthy['bare-proxy'].rps.median), atLeast: 0.8 },
      brownoutP99VsHealthyP99: { value: ratio(brownout.gateway.p99.median, healthy.gateway.p99.median), atMost: 3 },
      brownoutFcShare: { value: brownout.gateway.fcShare.median, atLeast: 0.65 },
      brownoutFailed: { value: brownoutFailed, atMost: 0 },
      allSlowFcCallsPerPage: { value: allSlow.fcCallsPerPage, atMost: 0.2 },
      hangP99VsLocalOnlyP99: { value: ratio(hangOurs.p99.median, hangLocal.p99.median), atMost: 1.2 },
      hangFailed: { value: hangFailed, atMost: 0 },
    };
    for (const goal of Object.values(goals)) {
      goal.met = goal.value !== null && (goal.atLeast === undefined || goal.value >= goal.atLeast) && (goal.atMost === undefined || goal.value <= goal.atMost);
    }
    return {
      connections: knobs.connections,
      fcTimeoutMs: knobs.fcTimeoutMs,
      brownout: { slowRate: knobs.brownoutRate, slowMs: knobs.brownoutMs },
      hangSeconds: knobs.hangS,
      healthy,
      brownoutRun: brownout.gateway,
      allSlow,
      hang: { gateway: hangOurs, localOnly: hangLocal },
      goals,
    };
  },
};
