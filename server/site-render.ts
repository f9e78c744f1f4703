/**
 * The in-process render and client build a Fastify host serves, chosen once at start-up: injected ones
 * (tests) win, otherwise the app `SSR_APP` names, through the plug (ssr-app.ts). Paths are resolved at
 * once (a missing app stops start-up with SSR_ERR_CONFIG); the module is imported while the host boots
 * (`register`), so `listen()`/`ready()` fail with the same error when it cannot be loaded.
 */
import type { FastifyInstance } from 'fastify';
import type { ClientBuild } from './client-build.js';
import type { Config } from './config.js';
import type { Tracing } from './telemetry/start-tracing.js';
import { ConfigError } from './errors.js';
import type { Render, SsrAppModule } from './render-contract.js';
import { startRenderThreads } from './render-threads.js';
import { importSsrApp, rendererOf, resolveSsrApp, type ResolvedSsrApp } from './ssr-app.js';

export interface SiteRenderDeps {
  /** Defaults to the configured app's client build; `undefined` = no client build. */
  clientBuild?: ClientBuild | undefined;
  /** Defaults to the configured app's `createRenderer`. */
  render?: Render;
  /** Started by the entry point when an OTLP endpoint is configured: a server span per request. */
  tracing?: Tracing;
}

export interface SiteRender {
  clientBuild: ClientBuild | undefined;
  /** Usable once the host is ready; before that (and with `SSR_APP=off`) it rejects. */
  render: Render;
  /**
   * The same app rendering for another site origin (canonical and Open Graph URLs): one renderer per
   * origin, created on first use and kept (sites share the app's module, its data and its client build).
   */
  renderFor(origin: string): Render;
}

/** With `SSR_APP=off` the gateway renders nothing itself; the policy must never call this. */
const noInProcessApp: Render = () => Promise.reject(new ConfigError('SSR_APP', 'is off: this host has no in-process app (OFFLOAD=fc-first with FALLBACK_URL renders elsewhere)'));

/**
 * Resolve the app now, import it while `app` boots, and return a render that calls it: on the event loop,
 * or on `threads` render threads (server/render-threads.ts; the gateway's `LOCAL_RENDER_THREADS`).
 */
export function siteRender(app: FastifyInstance, config: Pick<Config, 'siteOrigin' | 'ssrApp'>, deps: SiteRenderDeps, threads = 0): SiteRender {
  if (deps.render) {
    const clientBuild = 'clientBuild' in deps ? deps.clientBuild : config.ssrApp.off ? undefined : resolveSsrApp(config.ssrApp).clientBuild;
    const injected = deps.render;
    return { clientBuild, render: injected, renderFor: () => injected };
  }
  if (config.ssrApp.off) return { clientBuild: undefined, render: noInProcessApp, renderFor: () => noInProcessApp };
  const resolved = resolveSsrApp(config.ssrApp);
  const clientBuild = 'clientBuild' in deps ? deps.clientBuild : resolved.clientBuild;
  if (threads > 0) return threadedRender(app, config.siteOrigin, resolved, clientBuild, threads);
  const byOrigin = new Map<string, Promise<Render>>();
  /** Renderers already built: the hot path calls them without a promise hop. */
  const built = new Map<string, Render>();
  let module: SsrAppModule | undefined;
  const build = (siteOrigin: string) => rendererOf(resolved, module!, {
    siteOrigin,
    manifest: clientBuild?.manifest,
    onError: (error, url) => app.log.error({ err: error, url }, 'page data failed to load'),
  });
  app.register(async function loadSsrApp() {
    module = await importSsrApp(resolved);
    // The configured origin's renderer is built while booting, so a broken app stops start-up.
    const first = await build(config.siteOrigin);
    byOrigin.set(config.siteOrigin, Promise.resolve(first));
    built.set(config.siteOrigin, first);
    app.log.debug({ app: resolved.spec }, 'SSR app loaded');
  });
  const renderFor = (origin: string): Render => (request) => {
    const ready = built.get(origin);
    if (ready) return ready(request);
    if (!module) return Promise.reject(new Error(`${resolved.spec} is still loading`));
    let render = byOrigin.get(origin);
    if (!render) {
      render = build(origin);
      byOrigin.set(origin, render);
      // A renderer that failed to build is tried again by the next request, not cached as a failure.
      render.then((made) => built.set(origin, made), () => byOrigin.delete(origin));
    }
    return render.then((made) => made(request));
  };
  return { clientBuild, render: renderFor(config.siteOrigin), renderFor };
}

/** The app on render threads: this process never imports it; the threads load it while `app` boots. */
function threadedRender(app: FastifyInstance, siteOrigin: string, resolved: ResolvedSsrApp, clientBuild: ClientBuild | undefined, count: number): SiteRender {
  const threads = startRenderThreads({
    app: resolved,
    manifest: clientBuild?.manifest,
    count,
    firstOrigin: siteOrigin,
    onAppError: (error, url) => app.log.error({ err: error, url }, 'page data failed to load'),
    onThreadExit: (exit) => app.log.error(exit, 'a render thread stopped; its renders failed and it is being restarted'),
    onThreadRestarted: (restart) => app.log.info(restart, 'render thread restarted'),
    onRestartFailed: (err, restart) => app.log.error({ err, ...restart }, 'a restarted render thread could not load the app; trying again'),
  });
  // A thread that loaded while another failed must not keep the process alive after start-up failed.
  threads.ready.catch(() => threads.close());
  app.register(async function loadSsrAppOnThreads() {
    await threads.ready;
    app.log.debug({ app: resolved.spec, threads: count }, 'SSR app loaded on render threads');
  });
  // After the listener has drained (close-with-grace closes the app): no render is still in a thread.
  app.addHook('onClose', () => threads.close());
  return { clientBuild, render: threads.renderFor(siteOrigin), renderFor: threads.renderFor };
}
