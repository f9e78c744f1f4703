/**
 * `ROLE=gateway`: pages go through the offload policy (FC behind a breaker, local fallback, hedging,
 * spill), `PROXY_ROUTES` go to their fixed upstreams, client assets are served as in the renderer,
 * and `/metrics` on the admin listener exposes what happened. The FC target is built from configuration; tests may inject one.
 */
import type { FastifyInstance } from 'fastify';
import { createAdminHost } from './admin/admin-host.js';
import { createL1Store } from './cache/l1-store.js';
import purgeRoute from './cache/purge-route.js';
import { createRedisTier, type RedisTier } from './cache/redis-tier.js';
import { createRenderCache, type RenderCache } from './cache/render-cache.js';
import statusPage from './admin/status-page.js';
import { ConfigError, LocalQueueFullError } from './errors.js';
import type { Config } from './config.js';
import { createGatewayMetrics } from './gateway-metrics.js';
import { createHttpHost } from './http-host.js';
import { breakerState, createFcBreaker, type FcBreaker } from './offload/fc-breaker.js';
import { createFcSdkTarget, type FcCredential } from './offload/fc-sdk-target.js';
import { StallDetector } from './offload/fc-stall.js';
import { forwardHeadersOf } from './offload/forward-headers.js';
import { HedgeBudget } from './offload/hedge-budget.js';
import { createHedgeDelay, type HedgeDelay } from './offload/hedge-delay.js';
import { createHttpPageTarget } from './offload/http-page-target.js';
import { createLoadSignal } from './offload/load-signal.js';
import { createLocalTarget, type LocalTarget } from './offload/local-target.js';
import { createOffloadPolicy } from './offload/offload-policy.js';
import type { RenderTarget } from './offload/render-target.js';
import clientAssets from './plugins/client-assets.js';
import metricsRoute from './plugins/metrics.js';
import { sendErrorPage } from './error-page.js';
import operatorPathsNotFound from './plugins/operator-paths-not-found.js';
import pages, { type AnswerPage } from './plugins/pages.js';
import proxyRoutes from './plugins/proxy-routes.js';
import { RENDER_HEADERS } from './render-request.js';
import { siteRender, type SiteRenderDeps } from './site-render.js';
import { browsableUrl } from './startup-summary.js';
import { warmUpBeforeReady } from './warm-up.js';
import { SPAN } from './telemetry/span-names.js';
import type { Tracing } from './telemetry/start-tracing.js';
import { tracedAnswer } from './telemetry/traced-answer.js';
import { tracedTarget } from './telemetry/traced-target.js';

export interface GatewayDeps extends SiteRenderDeps {
  /** Replaces the FC target the configuration describes. */
  fcTarget?: RenderTarget;
  /** SDK transport credentials; defaults to the Alibaba Cloud default chain. */
  credential?: FcCredential;
  /** Node's process metrics (off in tests that build many apps in one process). */
  defaultMetrics?: boolean;
  /** Started by the entry point when an OTLP endpoint is configured (server/telemetry/start-tracing.ts). */
  tracing?: Tracing;
  /** The render cache's clock (ms since the epoch); tests move it through freshness windows. */
  now?: () => number;
  /** The embedded FC emulator's URL (`npm start` without an FC target): the status page offers its fault knobs. */
  emulatorUrl?: string;
}

/** The site name on cache keys and metrics until sites are configurable. */
export const DEFAULT_SITE = 'default';

declare module 'fastify' {
  interface FastifyInstance {
    /** The embedded FC emulator's URL (`npm start` without an FC target), for the start-up line. */
    readonly emulatorUrl: string | undefined;
    /** The FC breaker (undefined under local-only): for status pages and tests. */
    readonly fcBreaker: FcBreaker | undefined;
    /** The render cache in front of the offload policy (idle(), purge()). */
    readonly renderCache: RenderCache;
    /** The Redis tier of the cache (undefined without CACHE_REDIS_URL). */
    readonly cacheRedis: RedisTier | undefined;
    /** The hedge delay (emits `update` when the adaptive delay is recomputed): for status pages and tests. */
    readonly hedgeDelay: HedgeDelay;
  }
}

/** A request target must be a path: an absolute-form target (`GET http://other/`) never selects an upstream. */
function isOriginForm(rawUrl: string | undefined): boolean {
  return typeof rawUrl === 'string' && rawUrl.startsWith('/') && !rawUrl.startsWith('//');
}

/** `/wp-login.php`, `/favicon.ico`, `/.env`: files, not pages; answered 404 without rendering. */
function looksLikeFile(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.startsWith('.') || /\.[A-Za-z0-9]{1,10}$/.test(last);
}

function fcTargetFrom(config: Config, deps: GatewayDeps): RenderTarget | undefined {
  if (config.offload === 'local-only') return undefined;
  if (deps.fcTarget) return deps.fcTarget;
  if (config.fc.transport === 'sdk' && config.fc.sdk) {
    return createFcSdkTarget({ target: config.fc.sdk, timeoutMs: config.fc.timeoutMs, ...(deps.credential ? { credential: deps.credential } : {}) });
  }
  if (!config.fc.url) throw new ConfigError('FC_URL', `is required for OFFLOAD=${config.offload} with FC_TRANSPORT=http (or leave EMULATOR on)`);
  return createHttpPageTarget({ name: 'fc-http', baseUrl: config.fc.url, timeoutMs: config.fc.timeoutMs, forwardCookies: config.fc.forwardCookies });
}

export function buildGateway(config: Config, deps: GatewayDeps = {}): FastifyInstance {
  const { tracing } = deps;
  const app = createHttpHost(config, tracing);
  const { clientBuild, render } = siteRender(app, config, deps);
  // With tracing, every target call is a span (wrapped from outside, like the breaker); without, untouched.
  const traced = (target: RenderTarget, span: string, kind: 'client' | 'internal') => (tracing ? tracedTarget(tracing, target, { span, kind }) : target);

  const untracedFc = fcTargetFrom(config, deps);
  const fcTarget = untracedFc && traced(untracedFc, SPAN.FC_CALL, 'client');
  const breaker = fcTarget ? createFcBreaker(fcTarget, { timeoutMs: config.fc.timeoutMs, breaker: config.breaker }) : undefined;
  const hedgeDelay = createHedgeDelay({ hedge: config.hedge, timeoutMs: config.fc.timeoutMs });
  const l1 = config.cache.l1Bytes > 0 ? createL1Store({ maxBytes: config.cache.l1Bytes }) : undefined;
  // Gauges read the local queue, which reports into the metrics: bound late.
  let localQueue: LocalTarget | undefined;
  const metrics = createGatewayMetrics({
    localInflight: () => localQueue?.inflight() ?? 0,
    localQueued: () => localQueue?.queued() ?? 0,
    hedgeDelayMs: hedgeDelay.delayMs,
    slowCallShare: () => (breaker ? { target: fcTarget!.name, share: breaker.slowCallShare() } : undefined),
    cacheSize: () => ({ bytes: l1?.bytes ?? 0, entries: l1?.entries ?? 0 }),
    defaultMetrics: deps.defaultMetrics ?? true,
  });
  for (const warning of config.cache.deprecations) app.log.warn(warning);
  localQueue = createLocalTarget(render, {
    maxRunning: config.local.maxInflight,
    queueMax: config.local.queueMax,
    timeoutMs: config.local.queueTimeoutMs,
    onWait: metrics.localQueueWait,
    onShed: metrics.localShed,
  });
  const local = traced(localQueue, SPAN.LOCAL_RENDER, 'internal');
  const fallback = config.fallbackUrl
    ? traced(createHttpPageTarget({ name: 'renderer-service', baseUrl: config.fallbackUrl, timeoutMs: config.fallbackTimeoutMs, forwardCookies: config.fc.forwardCookies }), SPAN.FALLBACK_CALL, 'client')
    : local;
  const load = createLoadSignal({ localInflight: local.inflight, maxInflight: config.local.maxInflight, maxEventLoopDelayMs: config.local.maxEventLoopDelayMs });
  if (breaker) {
    const target = fcTarget!.name;
    metrics.breakerState(target, 'closed');
    const report = () => {
      const state = breakerState(breaker);
      metrics.breakerState(target, state);
      if (state === 'open') {
        const reason = breaker.openReason ?? 'FC_ERROR';
        metrics.breakerOpened(target, reason);
        app.log.warn({ breaker: target, state, reason }, `FC breaker open (${reason})`);
      } else {
        app.log.info({ breaker: target, state }, `FC breaker ${state}`);
      }
    };
    breaker.on('open', report);
    breaker.on('halfOpen', report);
    breaker.on('close', report);
  }
  app.decorate('fcBreaker', breaker);
  app.decorate('emulatorUrl', deps.emulatorUrl);
  // The raw render and FC target: warm-up is not traffic (no breaker, metrics or spans).
  warmUpBeforeReady(app, { ...config.warmUp, render: config.ssrApp.off ? undefined : render, fc: untracedFc });
  // Operator endpoints live on their own listener (README "Admin listener"); features add theirs with
  // app.admin?.register(...). Closing the gateway closes it, after the public listener has drained.
  const admin = config.admin.port === undefined ? undefined : createAdminHost(app.log);
  app.decorate('admin', admin);
  app.decorate('hedgeDelay', hedgeDelay);

  const offloadPolicy = createOffloadPolicy({
    policy: config.offload,
    hedge: hedgeDelay,
    budget: new HedgeBudget({ maxExtraLoad: config.hedge.maxExtraLoad }),
    fc: breaker,
    stall: new StallDetector(config.hedge.mode === 'off' ? 0 : config.breaker.consecutiveFailures, config.fc.timeoutMs),
    local,
    localQueued: localQueue.queued,
    fallback,
    load,
    maxInflight: config.local.maxInflight,
    queueMax: config.local.queueMax,
    metrics,
  });
  // Purges published by other pods land in this pod's L1 (renderCache is assigned right below).
  let renderCache: RenderCache | undefined;
  const l2 = config.cache.redisUrl
    ? createRedisTier({
      url: config.cache.redisUrl,
      prefix: config.cache.redisPrefix,
      timeoutMs: config.cache.redisTimeoutMs,
      redisError: metrics.redisError,
      onPurge: (purge) => renderCache?.purgeLocally(purge),
      onEvent: (level, message, err) => app.log[level](err ? { err } : {}, message),
    })
    : undefined;
  renderCache = createRenderCache({
    site: DEFAULT_SITE,
    l1,
    l2,
    policy: offloadPolicy,
    ignoreParams: config.cache.ignoreParams,
    keyedHeaders: RENDER_HEADERS,
    forwardCookies: config.fc.forwardCookies,
    // A shared render may take the FC deadline and then the fallback's; past that its key is freed.
    renderBudgetMs: (fcTarget ? config.fc.timeoutMs : 0) + config.fallbackTimeoutMs,
    metrics,
    ...(deps.now ? { now: deps.now } : {}),
    onError: (err, message) => app.log.warn({ err }, message),
  });
  app.decorate('renderCache', renderCache);
  app.decorate('cacheRedis', l2);
  // request → cache → policy → target: the cache decides what the client gets when the policy throws.
  const cache = renderCache;
  const answerPage: AnswerPage = (renderRequest, { request, signal }) =>
    cache.answer({ renderRequest, requestHeaders: request.headers, forwardHeaders: forwardHeadersOf(request), signal });
  const retryAfterSeconds = String(Math.min(60, Math.max(1, Math.ceil(config.breaker.resetTimeoutMs / 1000))));

  // Callback style (no promise per request); answering without calling done() ends the request here.
  app.addHook('onRequest', (request, reply, done) => {
    if (isOriginForm(request.raw.url)) done();
    else sendErrorPage(reply, 'SSR_ERR_BAD_URL', { message: 'The request target must be a path.' });
  });
  admin?.register(metricsRoute, { registry: metrics.registry });
  // With no cache tier there is nothing to purge, and no purge route.
  if (l1 || l2) admin?.register(purgeRoute, { cache, token: config.admin.token });
  admin?.register(statusPage, {
    registry: metrics.registry,
    adminToken: config.admin.token,
    adminHost: config.admin.host,
    policy: config.offload,
    hedgeMs: config.hedge.delayMs,
    fcTargets: fcTarget ? [fcTarget.name] : [],
    breaker: config.breaker,
    emulatorUrl: deps.emulatorUrl,
    publicUrl: () => browsableUrl(app.server.address()),
  });
  app.register(operatorPathsNotFound);
  app.register(clientAssets, { dir: clientBuild?.dir });
  app.register(proxyRoutes, { routes: config.proxyRoutes, timeoutMs: config.proxyTimeoutMs, bodyLimitBytes: config.proxyBodyLimitBytes });
  app.register(async (pageScope) => {
    pageScope.addHook('preHandler', (request, reply, done) => {
      if (!looksLikeFile(request.url)) done();
      else sendErrorPage(reply, 'SSR_ERR_NOT_FOUND', { message: 'There is no file at this address.' });
    });
    await pageScope.register(pages, {
      includeCookies: config.fc.forwardCookies,
      answer: tracing ? tracedAnswer(tracing, answerPage, { policy: config.offload }) : answerPage,
      // Fresh L1 hits at once; with tracing every page, hits included, goes through the traced decision.
      ...(tracing ? {} : { answerAtOnce: (renderRequest, request) => cache.answerAtOnce(renderRequest, request.headers) }),
      // A shed clears as soon as a render slot frees up: retry in a second, not after the breaker's reset.
      onNoPage: (reply, error) => sendErrorPage(reply.header('retry-after', error instanceof LocalQueueFullError ? '1' : retryAfterSeconds), 'SSR_ERR_NO_RENDERER'),
    });
  });

  app.addHook('onClose', async () => {
    load.stop();
    hedgeDelay.stop();
    breaker?.shutdown();
    await Promise.all([fcTarget?.close(), fallback === local ? undefined : fallback.close(), admin?.close(), l2?.close()]);
  });
  return app;
}
