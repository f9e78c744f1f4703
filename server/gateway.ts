/**
 * `ROLE=gateway`: each request is tied to its site by Host (server/sites/site-registry.ts), and a page goes
 * through that site's cache, offload policy and FC targets in priority order (server/sites/build-site.ts builds
 * a site from its config); `PROXY_ROUTES` go to their fixed upstreams, client assets are served as in the
 * renderer, and the admin listener exposes metrics and the operator endpoints. Tests may inject an FC target.
 */
import type { FastifyInstance } from 'fastify';
import { createAdminHost } from './admin/admin-host.js';
import statusPage from './admin/status-page.js';
import { createL1Store } from './cache/l1-store.js';
import purgeRoute from './cache/purge-route.js';
import { createRedisTier, type RedisTier } from './cache/redis-tier.js';
import type { RenderCache } from './cache/render-cache.js';
import type { Config } from './config.js';
import { sendErrorPage } from './error-page.js';
import { LocalQueueFullError } from './errors.js';
import { looksLikeFile } from './file-like-url.js';
import { createGatewayMetrics } from './gateway-metrics.js';
import { createHttpHost } from './http-host.js';
import type { FcBreaker } from './offload/fc-breaker.js';
import { sdkLoaded, type FcCredential } from './offload/fc-sdk-target.js';
import { forwardHeadersOf } from './offload/forward-headers.js';
import type { HedgeBudget } from './offload/hedge-budget.js';
import type { HedgeDelay } from './offload/hedge-delay.js';
import { createLoadSignal } from './offload/load-signal.js';
import { createLocalQueue } from './offload/local-queue.js';
import type { RenderTarget } from './offload/render-target.js';
import clientAssets from './plugins/client-assets.js';
import metricsRoute from './plugins/metrics.js';
import operatorPathsNotFound from './plugins/operator-paths-not-found.js';
import pages, { type AnswerPage } from './plugins/pages.js';
import proxyRoutes from './plugins/proxy-routes.js';
import siteRouting from './plugins/site-routing.js';
import { siteRender, type SiteRenderDeps } from './site-render.js';
import { buildSite, type SiteParts } from './sites/build-site.js';
import { siteFromEnvironment } from './sites/environment-site.js';
import type { SitesConfig } from './sites/site-config.js';
import { createSiteLookup } from './sites/site-lookup.js';
import { createSiteRegistry, type SiteRegistry } from './sites/site-registry.js';
import sitesRoutes from './sites/sites-routes.js';
import { createSitesReloader, type ReloadOutcome } from './sites/sites-reload.js';
import type { HealthCheckClock } from './sites/health-check.js';
import { startTargetHealthCheck } from './sites/start-health-check.js';
import { browsableUrl } from './startup-summary.js';
import type { Tracing } from './telemetry/start-tracing.js';
import { tracedAnswer } from './telemetry/traced-answer.js';
import { warmUpBeforeReady } from './warm-up.js';

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
  /** The timers of every target's health check; tests pass a fake one and step through intervals. */
  healthClock?: HealthCheckClock;
}


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
    /** The first site's hedge budget (tokens()): for status pages and tests. */
    readonly hedgeBudget: HedgeBudget;
    /** The running routes: sites by Host, each with its targets, cache and policy. */
    readonly sites: SiteRegistry;
    /** Re-read SITES_FILE now (SIGHUP in main.ts); undefined without a sites file. */
    readonly reloadSites: ((why: 'signal' | 'admin') => Promise<ReloadOutcome>) | undefined;
  }
}

/** A request target must be a path: an absolute-form target (`GET http://other/`) never selects an upstream. */
function isOriginForm(rawUrl: string | undefined): boolean {
  return typeof rawUrl === 'string' && rawUrl.startsWith('/') && !rawUrl.startsWith('//');
}

/** What a site whose pages never leave this process passes as forward headers (no target reads them). */
const NO_FORWARD_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** The routes the gateway starts with: the sites file, else one site from the single-site variables. */
function initialSites(config: Config, deps: GatewayDeps): SitesConfig {
  if (config.sites.initial) return config.sites.initial;
  // A test's injected FC target stands in for the URL the environment would name.
  return siteFromEnvironment(config, deps.fcTarget && !config.fc.url && config.fc.transport === 'http' ? 'http://injected.invalid' : undefined);
}

export function buildGateway(config: Config, deps: GatewayDeps = {}): FastifyInstance {
  const { tracing } = deps;
  const app = createHttpHost(config, tracing);
  const { clientBuild, render, renderFor } = siteRender(app, config, deps, config.local.renderThreads);
  const l1 = config.cache.l1Bytes > 0 ? createL1Store({ maxBytes: config.cache.l1Bytes }) : undefined;
  // Gauges read the registry, which is built from the metrics: bound late.
  let registry: SiteRegistry | undefined;
  const localQueue = createLocalQueue({
    maxRunning: config.local.maxInflight,
    queueMax: config.local.queueMax,
    timeoutMs: config.local.queueTimeoutMs,
    onWait: (seconds) => metrics.localQueueWait(seconds),
    onShed: (why) => metrics.localShed(why),
  });
  const metrics = createGatewayMetrics({
    localInflight: localQueue.running,
    localQueued: localQueue.queued,
    sites: () => registry?.sites().map((site) => site.gauges()) ?? [],
    cacheSize: () => ({ bytes: l1?.bytes ?? 0, entries: l1?.entries ?? 0 }),
    defaultMetrics: deps.defaultMetrics ?? true,
  });
  for (const warning of config.cache.deprecations) app.log.warn(warning);
  const load = createLoadSignal({ localInflight: localQueue.running, maxInflight: config.local.maxInflight, maxEventLoopDelayMs: config.local.maxEventLoopDelayMs });
  const l2 = config.cache.redisUrl
    ? createRedisTier({
      url: config.cache.redisUrl,
      prefix: config.cache.redisPrefix,
      timeoutMs: config.cache.redisTimeoutMs,
      redisError: metrics.redisError,
      // Purges published by other pods land in the L1 of the site they name.
      onPurge: (purge) => registry?.find(purge.site)?.cache.purgeLocally(purge),
      onEvent: (level, message, err) => app.log[level](err ? { err } : {}, message),
    })
    : undefined;
  const parts: SiteParts = {
    config, metrics, log: app.log, localQueue, load, renderFor, l1, l2, tracing, credential: deps.credential, fcTarget: deps.fcTarget, now: deps.now,
    healthCheck: (target, check, onChange) => startTargetHealthCheck(target, check, { onChange, ...(deps.credential ? { credential: deps.credential } : {}), ...(deps.healthClock ? { clock: deps.healthClock } : {}) }),
  };
  const lookup = config.sites.lookup
    ? createSiteLookup({
      ...config.sites.lookup,
      defaults: config.sites.defaults,
      onResult: metrics.siteLookup,
      // A tenant may not take a configured site's name: names label metrics and key cache entries.
      isReservedName: (name) => registry?.configured(name) ?? false,
    })
    : undefined;
  const sites = createSiteRegistry(initialSites(config, deps), {
    build: (site, previous) => buildSite(site, parts, previous),
    lookup: lookup?.lookup,
    onRetireError: (err) => app.log.warn({ err }, 'a replaced site did not close cleanly'),
  });
  registry = sites;
  const first = sites.sites()[0]!;
  const reloader = config.sites.file
    ? createSitesReloader({ file: config.sites.file, defaults: config.sites.defaults, registry: sites, log: app.log, onResult: metrics.sitesReload })
    : undefined;
  app.decorate('sites', sites);
  app.decorate('reloadSites', reloader ? (why: 'signal' | 'admin') => reloader.reload(why) : undefined);
  // The first site's parts, for status pages and tests written when there was one site.
  app.decorate('fcBreaker', first.members[0]?.breaker);
  app.decorate('hedgeDelay', first.hedgeDelay);
  app.decorate('hedgeBudget', first.hedgeBudget);
  app.decorate('renderCache', first.cache);
  app.decorate('cacheRedis', l2);
  app.decorate('emulatorUrl', deps.emulatorUrl);
  // The raw render and FC target: warm-up is not traffic (no breaker, metrics or spans).
  warmUpBeforeReady(app, { ...config.warmUp, render: config.ssrApp.off ? undefined : render, fc: first.members[0]?.target });
  // Operator endpoints live on their own listener (README "Admin listener"); features add theirs with
  // app.admin?.register(...). Closing the gateway closes it, after the public listener has drained.
  const admin = config.admin.port === undefined ? undefined : createAdminHost(app.log);
  app.decorate('admin', admin);

  // request → site → cache → policy → target chain: the cache decides what the client gets when the policy throws.
  const answerPage: AnswerPage = (renderRequest, { request, signal }) => {
    const site = request.site!;
    return site.answer({ renderRequest, requestHeaders: request.headers, forwardHeaders: site.callsRemote ? forwardHeadersOf(request) : NO_FORWARD_HEADERS, signal });
  };
  const retryAfterSeconds = String(Math.min(60, Math.max(1, Math.ceil(config.breaker.resetTimeoutMs / 1000))));

  // Callback style (no promise per request); answering without calling done() ends the request here.
  app.addHook('onRequest', (request, reply, done) => {
    if (isOriginForm(request.raw.url)) done();
    else sendErrorPage(reply, 'SSR_ERR_BAD_URL', { message: 'The request target must be a path.' });
  });
  // The FC SDK is imported only when a site has an SDK target; the first page must not wait for it.
  app.register(async function loadFcSdk() { await sdkLoaded(); });
  app.register(siteRouting, { registry: sites, onUnknownHost: metrics.unknownHost });
  admin?.register(metricsRoute, { registry: metrics.registry });
  // With no cache tier there is nothing to purge, and no purge route.
  if (l1 || l2) admin?.register(purgeRoute, { caches: () => sites.sites().map((site) => site.cache), token: config.admin.token });
  admin?.register(sitesRoutes, { registry: sites, reload: reloader && ((why) => reloader.reload(why)), token: config.admin.token });
  admin?.register(statusPage, {
    registry: metrics.registry,
    adminToken: config.admin.token,
    adminHost: config.admin.host,
    policy: config.offload,
    hedgeMs: config.hedge.delayMs,
    fcTargets: () => sites.sites().flatMap((site) => site.members.map((member) => member.config.name)),
    breaker: config.breaker,
    emulatorUrl: deps.emulatorUrl,
    publicUrl: () => browsableUrl(app.server.address()),
  });
  app.register(operatorPathsNotFound);
  app.register(clientAssets, { dir: clientBuild?.dir });
  app.register(proxyRoutes, { routes: config.proxyRoutes, timeoutMs: config.proxyTimeoutMs, bodyLimitBytes: config.proxyBodyLimitBytes });
  app.register(async (pageScope) => {
    await pageScope.register(pages, {
      isFile: looksLikeFile,
      includeCookies: config.fc.forwardCookies,
      answer: tracing ? tracedAnswer(tracing, answerPage, { policy: config.offload }) : answerPage,
      // Fresh L1 hits at once; with tracing every page, hits included, goes through the traced decision.
      ...(tracing ? {} : { answerAtOnce: (renderRequest, request) => request.site!.cache.answerAtOnce(renderRequest, request.headers) }),
      // A shed clears as soon as a render slot frees up: retry in a second, not after the breaker's reset.
      onNoPage: (reply, error) => sendErrorPage(reply.header('retry-after', error instanceof LocalQueueFullError ? '1' : retryAfterSeconds), 'SSR_ERR_NO_RENDERER'),
    });
  });

  app.addHook('onClose', async () => {
    reloader?.close();
    lookup?.close();
    load.stop();
    await Promise.all([sites.close(), admin?.close()]);
    await l2?.close();
  });
  return app;
}
