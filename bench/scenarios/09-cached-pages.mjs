/**
 * 9. Cached pages — the gateway's render cache (fc-first, CACHE_MB 64) vs nginx config A + `proxy_cache`
 * with `proxy_cache_lock on` and `proxy_cache_use_stale … updating` + `proxy_cache_background_update on`,
 * the same page with the same headers (the shop's `public, max-age=60, s-maxage=300,
 * stale-while-revalidate=600, stale-if-error=86400`), both warmed, measured back to back. Goal: the
 * gateway's cached-page throughput ≥ 0.6× nginx's (nginx serves a cached page from its file cache in C).
 */
import { runLoad } from '../lib/load.mjs';
import { interleaved, pageUrl } from '../lib/measure.mjs';
import { cpuSeconds } from '../lib/processes.mjs';
import { ratio } from '../lib/stats.mjs';

export const CACHED_THROUGHPUT_GOAL = 0.6;

/** One request per target so both caches hold the page before anything is measured. */
export async function warmCaches(targets, knobs) {
  for (const target of Object.values(targets)) {
    for (let i = 0; i < 3; i++) await fetch(pageUrl(target, knobs), { headers: { 'user-agent': 'ssr-offload-bench', accept: 'text/html' } }).then((r) => r.arrayBuffer());
  }
}

export default {
  id: '9-cached-pages',
  title: 'Cached pages: gateway render cache vs nginx proxy_cache',
  baselineName: 'nginx proxy_cache',
  oursName: 'gateway (cache on)',
  needsNginx: true,
  async run(stack, knobs, log) {
    const fc = await stack.fc();
    await fc.heal();
    const targets = { gateway: await stack.gateway('fc-first-cached'), nginx: await stack.nginx({ cache: true }) };
    await warmCaches(targets, knobs);
    const measured = await interleaved(targets, knobs, log);
    const throughput = ratio(measured.gateway.rps.median, measured.nginx.rps.median);
    // CPU per page, which the other load on a shared machine cannot skew the way it skews req/s.
    const cpuMsPer1000 = {};
    for (const [name, target] of Object.entries(targets)) {
      const amount = knobs.quick ? 500 : 10_000;
      const before = cpuSeconds(target.pid);
      await runLoad({ url: pageUrl(target, knobs), connections: knobs.connections, amount, classify: target.classify });
      cpuMsPer1000[name] = Math.round(((cpuSeconds(target.pid) - before) * 1000 * 1000) / amount);
      log(`  ${name}: ${cpuMsPer1000[name]} ms CPU per 1000 cached pages`);
    }
    return {
      ours: measured.gateway,
      baseline: measured.nginx,
      cacheShare: {
        ours: measured.gateway.requests.median ? measured.gateway.servedFromCache.median / measured.gateway.requests.median : null,
        baseline: measured.nginx.requests.median ? measured.nginx.servedFromCache.median / measured.nginx.requests.median : null,
      },
      cpuMsPer1000Pages: { ours: cpuMsPer1000.gateway, baseline: cpuMsPer1000.nginx },
      ratios: {
        throughput,
        cpuPerPage: ratio(cpuMsPer1000.gateway, cpuMsPer1000.nginx),
        p50: ratio(measured.gateway.p50.median, measured.nginx.p50.median),
        p99: ratio(measured.gateway.p99.median, measured.nginx.p99.median),
      },
      goal: { throughputRatioAtLeast: CACHED_THROUGHPUT_GOAL, met: throughput !== null && throughput >= CACHED_THROUGHPUT_GOAL },
    };
  },
};
