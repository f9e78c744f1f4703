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
import type { Render } from './render-contract.js';
import { createAppRender, resolveSsrApp } from './ssr-app.js';

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
}

/** With `SSR_APP=off` the gateway renders nothing itself; the policy must never call this. */
const noInProcessApp: Render = () => Promise.reject(new ConfigError('SSR_APP', 'is off: this host has no in-process app (OFFLOAD=fc-first with FALLBACK_URL renders elsewhere)'));

/** Resolve the app now, import it while `app` boots, and return a render that calls it. */
export function siteRender(app: FastifyInstance, config: Pick<Config, 'siteOrigin' | 'ssrApp'>, deps: SiteRenderDeps): SiteRender {
  if (deps.render) {
    const clientBuild = 'clientBuild' in deps ? deps.clientBuild : config.ssrApp.off ? undefined : resolveSsrApp(config.ssrApp).clientBuild;
    return { clientBuild, render: deps.render };
  }
  if (config.ssrApp.off) return { clientBuild: undefined, render: noInProcessApp };
  const resolved = resolveSsrApp(config.ssrApp);
  const clientBuild = 'clientBuild' in deps ? deps.clientBuild : resolved.clientBuild;
  let loaded: Render = () => Promise.reject(new Error(`${resolved.spec} is still loading`));
  app.register(async function loadSsrApp() {
    loaded = await createAppRender(resolved, {
      siteOrigin: config.siteOrigin,
      manifest: clientBuild?.manifest,
      onError: (error, url) => app.log.error({ err: error, url }, 'page data failed to load'),
    });
    app.log.debug({ app: resolved.spec }, 'SSR app loaded');
  });
  return { clientBuild, render: (req) => loaded(req) };
}
