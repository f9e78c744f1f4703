/**
 * One function builds a site from its configuration: its FC targets in priority order (each with its
 * transport, breaker and active health check), the target chain, its fallback, its offload policy (hedge
 * delay, hedge budget, stall detector) and its render cache. What every site shares is passed in (the pod's
 * local render queue and load signal, the cache tiers, metrics, tracing). A request then flows one way
 * through what this returns: site → cache → policy → target chain → answer.
 *
 * Rebuilding a site on reload keeps the parts whose configuration did not change (`previous`): a target
 * whose settings are the same keeps its breaker, its health state and its connections, so a routes change
 * elsewhere never re-opens a healthy region to a failing one or forgets that a region is down.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import type { L1Store } from '../cache/l1-store.js';
import type { RedisTier } from '../cache/redis-tier.js';
import { createRenderCache, type CacheCall, type RenderCache } from '../cache/render-cache.js';
import type { Config } from '../config.js';
import type { GatewayMetrics, SiteGauges } from '../gateway-metrics.js';
import type { PageAnswer } from '../plugins/pages.js';
import type { Render } from '../render-contract.js';
import { RENDER_HEADERS } from '../render-request.js';
import { breakerState, createFcBreaker } from '../offload/fc-breaker.js';
import { createFcSdkTarget, type FcCredential } from '../offload/fc-sdk-target.js';
import { StallDetector } from '../offload/fc-stall.js';
import { HedgeBudget } from '../offload/hedge-budget.js';
import { createHedgeDelay, type HedgeDelay } from '../offload/hedge-delay.js';
import { createHttpPageTarget } from '../offload/http-page-target.js';
import type { LoadSignal } from '../offload/load-signal.js';
import type { LocalQueue } from '../offload/local-queue.js';
import { createLocalTarget } from '../offload/local-target.js';
import { createOffloadPolicy } from '../offload/offload-policy.js';
import type { RenderTarget } from '../offload/render-target.js';
import { SPAN } from '../telemetry/span-names.js';
import type { Tracing } from '../telemetry/start-tracing.js';
import { tracedTarget } from '../telemetry/traced-target.js';
import type { HealthCheckState } from './health-check.js';
import type { HealthCheckConfig, SiteConfig, TargetConfig } from './site-config.js';
import { createTargetChain, type ChainMember, type FcPath, type HealthState } from './target-chain.js';

/** An active health check of one target, as the chain and the status page see it. */
export interface TargetHealthCheck extends HealthState {
  start(): void;
  stop(): void;
  /** Streaks, last probe and last failure (GET /sites, tests). */
  state(): HealthCheckState;
}

/** What every site of one gateway shares. */
export interface SiteParts {
  readonly config: Config;
  readonly metrics: GatewayMetrics;
  readonly log: FastifyBaseLogger;
  /** The pod's one bounded local queue: every site's local renders share its slots. */
  readonly localQueue: LocalQueue;
  readonly load: LoadSignal;
  /** The in-process app rendering with this origin's canonical URLs. */
  readonly renderFor: (origin: string) => Render;
  readonly l1: L1Store | undefined;
  readonly l2: RedisTier | undefined;
  readonly tracing?: Tracing | undefined;
  readonly credential?: FcCredential | undefined;
  /** Tests: replaces the transport of the site's first target. */
  readonly fcTarget?: RenderTarget | undefined;
  /** The render cache's clock (ms since the epoch). */
  readonly now?: (() => number) | undefined;
  /** Starts the active health check of one target (server/sites/health-check.ts + target-probe.ts). */
  readonly healthCheck: (target: TargetConfig, check: HealthCheckConfig, onChange: (healthy: boolean, reason: string) => void) => TargetHealthCheck;
}

/** One target of a built site: its configuration and everything built from it. */
interface BuiltMember extends ChainMember {
  readonly health: TargetHealthCheck | undefined;
  /** The site's health-check settings this member was built with (a change rebuilds it). */
  readonly check: HealthCheckConfig | undefined;
}

export interface BuiltSite {
  readonly config: SiteConfig;
  readonly members: readonly BuiltMember[];
  readonly chain: FcPath | undefined;
  readonly hedgeDelay: HedgeDelay;
  readonly hedgeBudget: HedgeBudget;
  readonly cache: RenderCache;
  /**
   * A page may go to a target in another process (an FC target, the renderer Service): only such a target
   * reads the forward headers (request id, trace context, `x-forwarded-*`), so a local-only site's pages skip
   * building them.
   */
  readonly callsRemote: boolean;
  /** request → cache → policy → chain → answer. */
  answer(call: CacheCall): Promise<PageAnswer>;
  gauges(): SiteGauges;
  /**
   * Stop what this site alone owns; `kept` are members a newer build took over. Targets are closed once
   * their in-flight calls are done (undici's Agent.close() waits for them), so no page is cut off.
   */
  retire(kept?: ReadonlySet<ChainMember>): Promise<void>;
}

function traced(parts: SiteParts, target: RenderTarget, span: string, kind: 'client' | 'internal'): RenderTarget {
  return parts.tracing ? tracedTarget(parts.tracing, target, { span, kind }) : target;
}

function transportOf(target: TargetConfig, parts: SiteParts, first: boolean): RenderTarget {
  if (first && parts.fcTarget) return parts.fcTarget;
  if (target.transport === 'sdk') {
    return createFcSdkTarget({ name: target.name, target: target.sdk, timeoutMs: target.timeoutMs, ...(parts.credential ? { credential: parts.credential } : {}) });
  }
  return createHttpPageTarget({ name: target.name, baseUrl: target.url, timeoutMs: target.timeoutMs, forwardCookies: parts.config.fc.forwardCookies });
}

function buildMember(site: SiteConfig, target: TargetConfig, parts: SiteParts, first: boolean): BuiltMember {
  const { metrics, log } = parts;
  const transport = traced(parts, transportOf(target, parts, first), SPAN.FC_CALL, 'client');
  const breaker = createFcBreaker(transport, { timeoutMs: target.timeoutMs, breaker: parts.config.breaker });
  const labels = { site: site.name, target: target.name };
  metrics.breakerState(site.name, target.name, 'closed');
  const report = () => {
    const state = breakerState(breaker);
    metrics.breakerState(site.name, target.name, state);
    if (state === 'open') {
      const reason = breaker.openReason ?? 'FC_ERROR';
      metrics.breakerOpened(site.name, target.name, reason);
      log.warn({ ...labels, breaker: target.name, state, reason }, `FC breaker open (${reason})`);
    } else {
      log.info({ ...labels, breaker: target.name, state }, `FC breaker ${state}`);
    }
  };
  breaker.on('open', report);
  breaker.on('halfOpen', report);
  breaker.on('close', report);
  const health = site.healthCheck
    ? parts.healthCheck(target, site.healthCheck, (healthy, reason) => {
      if (healthy) log.info({ ...labels, healthy }, `FC target ${target.name} healthy again`);
      else log.warn({ ...labels, healthy, reason }, `FC target ${target.name} failing its health check (${reason})`);
    })
    : undefined;
  health?.start();
  return { config: target, target: transport, breaker, health, check: site.healthCheck };
}

function sameMember(old: BuiltMember, target: TargetConfig, check: HealthCheckConfig | undefined): boolean {
  return isDeepStrictEqual(old.config, target) && isDeepStrictEqual(old.check, check);
}

async function closeMember(member: BuiltMember): Promise<void> {
  member.health?.stop();
  member.breaker.shutdown();
  await member.target.close();
}

export function buildSite(site: SiteConfig, parts: SiteParts, previous?: BuiltSite): BuiltSite {
  const { config, metrics } = parts;
  const members = config.offload === 'local-only'
    ? []
    : site.targets.map((target, index) => {
      const old = previous?.members.find((member) => member.config.name === target.name);
      // Injected test transports are never carried over: they belong to the build that was given them.
      return old && !(index === 0 && parts.fcTarget) && sameMember(old, target, site.healthCheck) ? old : buildMember(site, target, parts, index === 0);
    });
  const chain = members.length > 0 ? createTargetChain(members, (member, result) => metrics.targetCall(site.name, member.config.name, result)) : undefined;
  const local = traced(parts, createLocalTarget(parts.renderFor(site.origin), parts.localQueue), SPAN.LOCAL_RENDER, 'internal');
  const fallback = site.fallback.kind === 'url'
    ? traced(parts, createHttpPageTarget({ name: 'renderer-service', baseUrl: site.fallback.url, timeoutMs: site.fallback.timeoutMs, forwardCookies: config.fc.forwardCookies }), SPAN.FALLBACK_CALL, 'client')
    : local;
  const firstTimeoutMs = site.targets[0]?.timeoutMs ?? config.fc.timeoutMs;
  // A site with no FC target never hedges: no latency window to fill and no timer to refresh it.
  const hedgeDelay = createHedgeDelay({ hedge: members.length > 0 ? config.hedge : { ...config.hedge, mode: 'off' }, timeoutMs: firstTimeoutMs });
  const hedgeBudget = new HedgeBudget({ maxExtraLoad: config.hedge.maxExtraLoad });
  const policy = createOffloadPolicy({
    site: site.name,
    policy: config.offload,
    hedge: hedgeDelay,
    budget: hedgeBudget,
    fc: chain,
    stall: new StallDetector(config.hedge.mode === 'off' ? 0 : config.breaker.consecutiveFailures, firstTimeoutMs),
    local,
    localQueued: parts.localQueue.queued,
    fallback,
    load: parts.load,
    maxInflight: config.local.maxInflight,
    queueMax: config.local.queueMax,
    metrics,
  });
  const fallbackTimeoutMs = site.fallback.kind === 'url' ? site.fallback.timeoutMs : config.fallbackTimeoutMs;
  const cache = createRenderCache({
    site: site.name,
    l1: parts.l1,
    l2: parts.l2,
    policy,
    ignoreParams: config.cache.ignoreParams,
    keyedHeaders: RENDER_HEADERS,
    forwardCookies: config.fc.forwardCookies,
    // A shared render may take every target's deadline and then the fallback's; past that its key is freed.
    renderBudgetMs: members.reduce((sum, member) => sum + member.config.timeoutMs, 0) + fallbackTimeoutMs,
    metrics,
    ...(parts.now ? { now: parts.now } : {}),
    onError: (err, message) => parts.log.warn({ err, site: site.name }, message),
  });
  return {
    config: site,
    members,
    chain,
    hedgeDelay,
    hedgeBudget,
    cache,
    callsRemote: members.length > 0 || site.fallback.kind === 'url',
    answer: (call) => cache.answer(call),
    gauges: () => ({
      site: site.name,
      hedgeDelayMs: hedgeDelay.delayMs(),
      hedgeBudgetTokens: hedgeBudget.tokens(),
      targets: members.map((member) => ({ name: member.config.name, slowCallShare: member.breaker.slowCallShare(), healthy: member.health?.healthy() })),
    }),
    async retire(kept = new Set()) {
      hedgeDelay.stop();
      await cache.idle();
      await Promise.all([
        ...members.filter((member) => !kept.has(member)).map(closeMember),
        fallback === local ? undefined : fallback.close(),
      ]);
    },
  };
}
