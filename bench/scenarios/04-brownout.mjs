/**
 * 4. Partial brownout — 30% of FC calls take 2 s (FC_TIMEOUT_MS is 1 s). nginx marks FC down for
 * `fail_timeout` after each timeout and serves mostly from the backup; the gateway's breaker stays closed
 * (30% < its error threshold), so slow calls pay the timeout unless hedging starts a local render after
 * HEDGE_MS. Reports p99 and the share of pages rendered locally for three gateways: the shipped default
 * HEDGE_MS, hedging off, and HEDGE_MS = BENCH_HEDGE_MS.
 */
import { interleaved, waitUntilServedByFc } from '../lib/measure.mjs';
import { ratio } from '../lib/stats.mjs';

export default {
  id: '4-brownout',
  title: 'Partial brownout: 30% of FC calls take 2 s',
  baselineName: 'nginx',
  oursName: 'gateway, default HEDGE_MS',
  needsNginx: true,
  async run(stack, knobs, log) {
    const fc = await stack.fc();
    const targets = {
      gateway: await stack.gateway('fc-first'),
      'gateway-no-hedge': await stack.gateway('fc-first-no-hedge'),
      'gateway-hedge': await stack.gateway('fc-first-hedge'),
      nginx: await stack.nginx(),
    };
    await fc.heal();
    for (const target of Object.values(targets)) await waitUntilServedByFc(target, knobs);
    await fc.setFaults({ slowRate: knobs.brownoutRate, slowMs: knobs.brownoutMs });
    let measured;
    try {
      measured = await interleaved(targets, knobs, log);
    } finally {
      await fc.heal();
    }
    return {
      slowRate: knobs.brownoutRate,
      slowMs: knobs.brownoutMs,
      fcTimeoutMs: knobs.fcTimeoutMs,
      hedgeMs: knobs.hedgeMs,
      defaultHedgeMs: await (async () => {
        const { hedge } = await stack.gatewayConfig({ FC_URL: fc.url, FC_TIMEOUT_MS: String(knobs.fcTimeoutMs) });
        return hedge.mode === 'adaptive' ? 'auto' : hedge.delayMs;
      })(),
      ours: measured.gateway,
      oursUnhedged: measured['gateway-no-hedge'],
      oursHedged: measured['gateway-hedge'],
      baseline: measured.nginx,
      ratios: {
        p99: ratio(measured.gateway.p99.median, measured.nginx.p99.median),
        p99Unhedged: ratio(measured['gateway-no-hedge'].p99.median, measured.nginx.p99.median),
        p99Hedged: ratio(measured['gateway-hedge'].p99.median, measured.nginx.p99.median),
        throughput: ratio(measured.gateway.rps.median, measured.nginx.rps.median),
        throughputUnhedged: ratio(measured['gateway-no-hedge'].rps.median, measured.nginx.rps.median),
        throughputHedged: ratio(measured['gateway-hedge'].rps.median, measured.nginx.rps.median),
      },
      localShare: {
        ours: measured.gateway.localShare.median,
        oursUnhedged: measured['gateway-no-hedge'].localShare.median,
        oursHedged: measured['gateway-hedge'].localShare.median,
        baseline: measured.nginx.localShare.median,
      },
    };
  },
};
