/**
 * What `GET /status.json` answers: the gateway's state and the last minute of traffic per site and
 * target, computed from the metric window (server/admin/metric-window.ts) — the same numbers Prometheus
 * and the Grafana dashboard show, so the status page never tells a different story.
 */
import { BREAKER_STATE_VALUE, type BreakerState } from '../gateway-metrics.js';
import { increaseBy, quantile, total, type Snapshot } from './metric-window.js';

export interface StatusSettings {
  policy: string;
  hedgeMs: number;
  /** FC targets by name (breaker per target), read per summary: routes change at run time. */
  fcTargets: () => readonly string[];
  breaker: { errorThresholdPercentage: number; volumeThreshold: number; resetTimeoutMs: number; consecutiveFailures: number };
  /** Set when the gateway runs the embedded FC emulator (`npm start` without an FC target). */
  emulatorUrl: string | undefined;
  /** Where pages are served (for the demo's traffic button); undefined until the public listener is up. */
  publicUrl: () => string | undefined;
}

export interface TargetStatus {
  name: string;
  breaker: BreakerState;
  /** healthy: closed, no failures this minute; degraded: failures; recovering: half-open; down: open. */
  health: 'healthy' | 'degraded' | 'recovering' | 'down';
  calls: number;
  failures: number;
  p95Ms: number | undefined;
}

export interface SiteStatus {
  name: string;
  pages: number;
  perSecond: number;
  /** Share of pages by who rendered them (0–1). */
  share: Record<'fc' | 'local' | 'cache' | 'none', number>;
  outcomes: Record<string, number>;
  latencyMs: { p50: number | undefined; p95: number | undefined; p99: number | undefined };
  fallbacks: Record<string, number>;
  hedges: { started: number; wonByLocal: number; wonByFc: number; refused: number; rate: number; delayMs: number };
  /** Requests answered from a stored copy (hit, stale, stale-if-error) over all requests through the cache. */
  cacheHitRatio: number;
  /** Pages per second for each of the last seconds, by target, oldest first. */
  series: Array<Record<'fc' | 'local' | 'cache' | 'none', number>>;
}

export interface StatusSummary {
  generatedAt: string;
  windowSeconds: number;
  policy: string;
  breakerSettings: StatusSettings['breaker'];
  targets: TargetStatus[];
  sites: SiteStatus[];
  emulator: { url: string } | undefined;
  publicUrl: string | undefined;
  localInflight: number;
}

const PAGE = 'ssr_page_duration_seconds';
const STATE_OF = Object.fromEntries(Object.entries(BREAKER_STATE_VALUE).map(([state, value]) => [value, state])) as Record<number, BreakerState>;
const TARGETS = ['fc', 'local', 'cache', 'none'] as const;
const ms = (seconds: number | undefined) => (seconds === undefined ? undefined : Math.round(seconds * 10_000) / 10);

const CACHE_REQUESTS = 'ssr_cache_requests_total';
/** Cache results that served a stored copy (fresh, stale-while-revalidate, stale-if-error). */
const CACHE_SERVED = ['hit', 'stale', 'error'];

function sitesIn(snapshot: Snapshot | undefined): string[] {
  const names = new Set<string>();
  for (const sample of snapshot?.samples ?? []) if (sample.labels.site !== undefined) names.add(sample.labels.site);
  return names.size ? [...names].sort() : ['default'];
}

/** Series that carry a `site` label are filtered by it; the others (not per site yet) count for every site. */
function siteFilter(site: string, snapshot: Snapshot | undefined, name: string): Record<string, string> {
  return snapshot?.samples.some((sample) => sample.name === name && sample.labels.site !== undefined) ? { site } : {};
}

function siteStatus(site: string, snapshots: readonly Snapshot[], settings: StatusSettings): SiteStatus {
  const newest = snapshots.at(-1);
  const oldest = snapshots[0];
  const where = siteFilter(site, newest, `${PAGE}_count`);
  const byTarget = increaseBy(newest, oldest, `${PAGE}_count`, 'target', where);
  const pages = Object.values(byTarget).reduce((a, b) => a + b, 0);
  const seconds = Math.max(((newest?.at ?? 0) - (oldest?.at ?? 0)) / 1000, 1);
  const share = Object.fromEntries(TARGETS.map((target) => [target, pages ? (byTarget[target] ?? 0) / pages : 0])) as SiteStatus['share'];
  const hedgeWinners = increaseBy(newest, oldest, 'ssr_hedges_total', 'winner', siteFilter(site, newest, 'ssr_hedges_total'));
  const refused = Object.values(increaseBy(newest, oldest, 'ssr_hedges_refused_total', '', siteFilter(site, newest, 'ssr_hedges_refused_total'))).reduce((a, b) => a + b, 0);
  const started = (hedgeWinners.fc ?? 0) + (hedgeWinners.local ?? 0);
  const delayGauge = total(newest, 'ssr_hedge_delay_seconds', siteFilter(site, newest, 'ssr_hedge_delay_seconds'));
  const cacheResults = increaseBy(newest, oldest, CACHE_REQUESTS, 'result', siteFilter(site, newest, CACHE_REQUESTS));
  const cacheRequests = Object.values(cacheResults).reduce((a, b) => a + b, 0);
  const cacheServed = CACHE_SERVED.reduce((n, result) => n + (cacheResults[result] ?? 0), 0);
  const series: SiteStatus['series'] = [];
  for (let i = 1; i < snapshots.length; i += 1) {
    const step = increaseBy(snapshots[i], snapshots[i - 1], `${PAGE}_count`, 'target', where);
    const dt = Math.max((snapshots[i]!.at - snapshots[i - 1]!.at) / 1000, 0.001);
    series.push(Object.fromEntries(TARGETS.map((target) => [target, (step[target] ?? 0) / dt])) as SiteStatus['series'][number]);
  }
  return {
    name: site,
    pages,
    perSecond: pages / seconds,
    share,
    outcomes: increaseBy(newest, oldest, `${PAGE}_count`, 'outcome', where),
    latencyMs: {
      p50: ms(quantile(0.5, newest, oldest, PAGE, where)),
      p95: ms(quantile(0.95, newest, oldest, PAGE, where)),
      p99: ms(quantile(0.99, newest, oldest, PAGE, where)),
    },
    fallbacks: increaseBy(newest, oldest, 'ssr_fallbacks_total', 'reason', siteFilter(site, newest, 'ssr_fallbacks_total')),
    hedges: {
      started,
      wonByLocal: hedgeWinners.local ?? 0,
      wonByFc: hedgeWinners.fc ?? 0,
      refused,
      rate: pages ? started / pages : 0,
      delayMs: delayGauge > 0 ? Math.round(delayGauge * 1000) : settings.hedgeMs,
    },
    // Of the requests that went through the render cache, the share answered from a stored copy.
    cacheHitRatio: cacheRequests ? cacheServed / cacheRequests : share.cache,
    series,
  };
}

function targetStatus(name: string, snapshots: readonly Snapshot[]): TargetStatus {
  const newest = snapshots.at(-1);
  const oldest = snapshots[0];
  const breaker = STATE_OF[total(newest, 'ssr_breaker_state', { target: name })] ?? 'closed';
  // Calls per target come from the target chain's counter (every region of every site); before any call,
  // or from an older gateway, the FC duration histogram stands for the single target.
  const perTarget = newest?.samples.some((s) => s.name === 'ssr_target_requests_total' && s.labels.target === name);
  const where: Record<string, string> = {};
  const results = perTarget
    ? increaseBy(newest, oldest, 'ssr_target_requests_total', 'result', { target: name })
    : increaseBy(newest, oldest, 'ssr_fc_duration_seconds_count', 'result', where);
  const failures = results.failure ?? 0;
  const calls = failures + (results.success ?? results.ok ?? 0);
  const health = breaker === 'open' ? 'down' : breaker === 'halfOpen' ? 'recovering' : failures > 0 ? 'degraded' : 'healthy';
  return { name, breaker, health, calls, failures, p95Ms: ms(quantile(0.95, newest, oldest, 'ssr_fc_duration_seconds', where)) };
}

/** The summary for the snapshots in the window (oldest first). */
export function summarizeStatus(snapshots: readonly Snapshot[], settings: StatusSettings): StatusSummary {
  const newest = snapshots.at(-1);
  return {
    generatedAt: new Date(newest?.at ?? Date.now()).toISOString(),
    windowSeconds: Math.round(((newest?.at ?? 0) - (snapshots[0]?.at ?? 0)) / 1000),
    policy: settings.policy,
    breakerSettings: settings.breaker,
    targets: settings.fcTargets().map((name) => targetStatus(name, snapshots)),
    sites: sitesIn(newest).map((site) => siteStatus(site, snapshots, settings)),
    emulator: settings.emulatorUrl ? { url: settings.emulatorUrl } : undefined,
    publicUrl: settings.publicUrl(),
    localInflight: total(newest, 'ssr_local_inflight'),
  };
}
