/**
 * The gateway's Prometheus metrics, on a registry per app (no global state, so tests and several apps in
 * one process do not collide). Names are a public contract: the PrometheusRule alerts in
 * k8s/components/monitoring use them, and a test scrapes a live gateway to prove it.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { deferredHistogram } from './deferred-histogram.js';
import type { FailureReason } from './errors.js';

export type PageTarget = 'fc' | 'local' | 'cache' | 'none';
/** ok: the policy's first choice answered; fallback: FC failed → local; hedge: a hedged local render won;
 * spill: local-first sent an overflow page to FC; hit: a fresh cached copy; stale-while-revalidate: a stale
 * copy served while one refresh runs; stale: the renderers failed, a copy inside its stale-if-error window
 * was served; collapsed: the request waited for another request's render of the same page; error: 503
 * (also a shed local render: see ssr_local_shed_total). */
export type PageOutcome = 'ok' | 'fallback' | 'hedge' | 'spill' | 'hit' | 'stale-while-revalidate' | 'stale' | 'collapsed' | 'error';
/** Why a hedge was not started: no local headroom, or the hedge budget is spent. */
export type HedgeRefusal = 'headroom' | 'budget';
/** See server/cache/render-cache.ts `CacheResult`. */
export type CacheRequestResult = 'hit' | 'stale' | 'miss' | 'bypass' | 'revalidated' | 'error';
/** The Redis operations whose failures are counted. */
export type RedisOperation = 'get' | 'set' | 'lock' | 'purge' | 'publish' | 'connection';
export type BreakerState = 'closed' | 'halfOpen' | 'open';

/** Gauge values documented in the alert rule: 0 closed, 1 half-open, 2 open. */
export const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, halfOpen: 1, open: 2 };

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5, 5, 10];

export interface GatewayMetrics {
  readonly registry: Registry;
  observePage(site: string, target: PageTarget, outcome: PageOutcome, status: number, seconds: number): void;
  observeFc(result: 'success' | 'failure', seconds: number): void;
  fallback(reason: FailureReason): void;
  hedge(winner: 'fc' | 'local'): void;
  hedgeRefused(reason: HedgeRefusal): void;
  /** A hedge the spent budget had refused, started after all once its call outlived FC's fast mode. */
  hedgeLate(): void;
  /** Seconds a local render waited for its slot. */
  localQueueWait(seconds: number): void;
  localShed(why: 'queue_full' | 'queue_timeout'): void;
  breakerOpened(site: string, target: string, reason: FailureReason): void;
  spill(): void;
  /** One page request through the cache, by site and result. */
  cacheRequest(site: string, result: CacheRequestResult): void;
  cachePurge(mode: 'expire' | 'invalidate'): void;
  redisError(operation: RedisOperation): void;
  breakerState(site: string, target: string, state: BreakerState): void;
  /** One call to one FC target of a site's chain (a page may call several: down the priority list). */
  targetCall(site: string, target: string, result: 'ok' | 'failure'): void;
  /** A sites file (or reload request) applied, unchanged, or refused (the old routes stay). */
  sitesReload(result: SitesReloadResult): void;
  /** One host looked up through SITES_LOOKUP_URL, by what answered it. */
  siteLookup(result: SiteLookupResult): void;
  /** A request for a host no site claims (answered 404 with no upstream call). */
  unknownHost(): void;
}

export type SitesReloadResult = 'applied' | 'unchanged' | 'refused';
export type SiteLookupResult = 'hit' | 'miss' | 'negative' | 'stale' | 'error';

/** What the per-site gauges read at scrape time. */
export interface SiteGauges {
  readonly site: string;
  /** The site's hedge delay in ms (0 = hedging off). */
  readonly hedgeDelayMs: number;
  /** The hedge budget's balance (negative: in debt, only late hedges may start). */
  readonly hedgeBudgetTokens: number;
  readonly targets: readonly {
    readonly name: string;
    /** Share of the breaker window's calls slower than BREAKER_SLOW_CALL_MS. */
    readonly slowCallShare: number;
    /** Undefined when the site has no active health check. */
    readonly healthy: boolean | undefined;
  }[];
}

export interface GatewayMetricsOptions {
  localInflight: () => number;
  /** Renders waiting for a local slot. */
  localQueued?: () => number;
  /** Every site's hedge delay and targets, read at scrape time. */
  sites?: () => readonly SiteGauges[];
  /** L1 size, read at scrape time. */
  cacheSize?: () => { bytes: number; entries: number };
  defaultMetrics?: boolean;
}

export function createGatewayMetrics({ localInflight, localQueued, sites, cacheSize, defaultMetrics = true }: GatewayMetricsOptions): GatewayMetrics {
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry });
  // Observed on every page: buffered until the histogram is read (server/deferred-histogram.ts).
  const pageDuration = deferredHistogram({
    name: 'ssr_page_duration_seconds',
    help: 'Time to produce a page, by the target that rendered it and how it got there.',
    labelNames: ['target', 'outcome', 'status_code', 'site'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const fcDuration = new Histogram({
    name: 'ssr_fc_duration_seconds',
    help: 'Duration of FC render calls (result="failure" includes timeouts).',
    labelNames: ['result'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: 'ssr_fallbacks_total',
    help: 'Pages that left FC for the local path, by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const hedges = new Counter({
    name: 'ssr_hedges_total',
    help: 'Hedged local renders started because FC had not answered within HEDGE_MS, by the path that won.',
    labelNames: ['winner'] as const,
    registers: [registry],
  });
  const hedgesRefused = new Counter({
    name: 'ssr_hedges_refused_total',
    help: 'Hedges not started: reason="headroom" (local renders at their limit, or the event loop lagging), reason="budget" (HEDGE_MAX_EXTRA_LOAD spent).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const hedgesLate = new Counter({
    name: 'ssr_hedges_late_total',
    help: 'Hedges the spent budget had refused, started after all once the call outlived the slowest of FC\'s fast calls (the budget\'s overdraft). Counted by winner in ssr_hedges_total too, not in ssr_hedges_refused_total.',
    registers: [registry],
  });
  const queueWait = deferredHistogram({
    name: 'ssr_local_queue_wait_seconds',
    help: 'Time a local render waited for a slot (LOCAL_MAX_INFLIGHT) before it started.',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const sheds = new Counter({
    name: 'ssr_local_shed_total',
    help: 'Local renders shed: reason="queue_full" (LOCAL_QUEUE_MAX waiting), reason="queue_timeout" (waited LOCAL_QUEUE_TIMEOUT_MS).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const breakerOpens = new Counter({
    name: 'ssr_breaker_opens_total',
    help: 'Times an FC target\'s breaker opened, by site, target and the failure reason that opened it (FC_SLOW: slow-call share, slow trial or stall).',
    labelNames: ['site', 'target', 'reason'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'ssr_local_queue_length',
    help: 'Local renders waiting for a slot right now.',
    registers: [registry],
    collect() {
      this.set(localQueued?.() ?? 0);
    },
  });
  new Gauge({
    name: 'ssr_hedge_budget_tokens',
    help: 'Hedge budget balance per site: hedges start while it is above 0, late hedges (past FC\'s fast mode) down to minus its capacity (10); each FC call adds HEDGE_MAX_EXTRA_LOAD, each wasted hedge takes 1.',
    labelNames: ['site'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const site of sites?.() ?? []) this.set({ site: site.site }, site.hedgeBudgetTokens);
    },
  });
  new Gauge({
    name: 'ssr_hedge_delay_seconds',
    help: 'Current hedge delay of fc-first per site (adaptive: learned from FC\'s recent successful latencies, see docs/gateway.md); 0 = hedging off.',
    labelNames: ['site'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const site of sites?.() ?? []) this.set({ site: site.site }, site.hedgeDelayMs / 1000);
    },
  });
  new Gauge({
    name: 'ssr_fc_slow_call_ratio',
    help: 'Share of the breaker window\'s FC calls slower than BREAKER_SLOW_CALL_MS, per site and target.',
    labelNames: ['site', 'target'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const site of sites?.() ?? []) for (const target of site.targets) this.set({ site: site.site, target: target.name }, target.slowCallShare);
    },
  });
  new Gauge({
    name: 'ssr_target_healthy',
    help: 'Active health check of each FC target: 1 passing, 0 failing (only for sites with a healthCheck).',
    labelNames: ['site', 'target'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const site of sites?.() ?? []) {
        for (const target of site.targets) if (target.healthy !== undefined) this.set({ site: site.site, target: target.name }, target.healthy ? 1 : 0);
      }
    },
  });
  const targetCalls = new Counter({
    name: 'ssr_target_requests_total',
    help: 'Calls to each FC target of a site, in priority order: result="failure" moved the page down the list (or to the fallback).',
    labelNames: ['site', 'target', 'result'] as const,
    registers: [registry],
  });
  const sitesReloads = new Counter({
    name: 'ssr_sites_reloads_total',
    help: 'Sites file reloads: applied (routes replaced), unchanged (same content), refused (invalid: the old routes stay).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const siteLookups = new Counter({
    name: 'ssr_sites_lookups_total',
    help: 'Hosts resolved through SITES_LOOKUP_URL: hit (cached), miss (asked the API), negative (cached "no such site"), stale (API failing, last answer kept), error (API failing, nothing kept).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const unknownHosts = new Counter({ name: 'ssr_sites_unknown_host_total', help: 'Requests for a host no site claims (404, no upstream call).', registers: [registry] });
  const spills = new Counter({ name: 'ssr_spills_total', help: 'local-first pages sent to FC because the pod was saturated.', registers: [registry] });
  const cacheRequests = new Counter({
    name: 'ssr_cache_requests_total',
    help: 'Page requests through the render cache: hit (fresh copy), stale (stale-while-revalidate copy), miss (rendered), revalidated (a too-old copy re-rendered), bypass (authorization or forwarded cookie), error (renderers failed, stale-if-error copy served).',
    labelNames: ['site', 'result'] as const,
    registers: [registry],
  });
  const cachePurges = new Counter({ name: 'ssr_cache_purges_total', help: 'Purge requests applied, by mode.', labelNames: ['mode'] as const, registers: [registry] });
  const redisErrors = new Counter({
    name: 'ssr_cache_redis_errors_total',
    help: 'Redis (cache L2) commands that failed or missed their deadline, by operation; the cache then works from L1.',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'ssr_cache_bytes',
    help: 'Bytes held by the in-process render cache (L1).',
    registers: [registry],
    collect() {
      this.set(cacheSize?.().bytes ?? 0);
    },
  });
  new Gauge({
    name: 'ssr_cache_entries',
    help: 'Entries in the in-process render cache (L1).',
    registers: [registry],
    collect() {
      this.set(cacheSize?.().entries ?? 0);
    },
  });
  const breaker = new Gauge({
    name: 'ssr_breaker_state',
    help: 'Circuit breaker state per site and FC target: 0 closed, 1 half-open, 2 open.',
    labelNames: ['site', 'target'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'ssr_local_inflight',
    help: 'In-process renders running right now.',
    registers: [registry],
    collect() {
      this.set(localInflight());
    },
  });
  return {
    registry,
    observePage: (site, target, outcome, status, seconds) => pageDuration.observe(seconds, { target, outcome, status_code: String(status), site }),
    observeFc: (result, seconds) => fcDuration.observe({ result }, seconds),
    fallback: (reason) => fallbacks.inc({ reason }),
    hedge: (winner) => hedges.inc({ winner }),
    hedgeRefused: (reason) => hedgesRefused.inc({ reason }),
    hedgeLate: () => hedgesLate.inc(),
    localQueueWait: (seconds) => queueWait.observe(seconds),
    localShed: (why) => sheds.inc({ reason: why }),
    breakerOpened: (site, target, reason) => breakerOpens.inc({ site, target, reason }),
    spill: () => spills.inc(),
    cacheRequest: (site, result) => cacheRequests.inc({ site, result }),
    cachePurge: (mode) => cachePurges.inc({ mode }),
    redisError: (operation) => redisErrors.inc({ operation }),
    breakerState: (site, target, state) => breaker.set({ site, target }, BREAKER_STATE_VALUE[state]),
    targetCall: (site, target, result) => targetCalls.inc({ site, target, result }),
    sitesReload: (result) => sitesReloads.inc({ result }),
    siteLookup: (result) => siteLookups.inc({ result }),
    unknownHost: () => unknownHosts.inc(),
  };
}
