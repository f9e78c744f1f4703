/**
 * The in-process render and client build a Fastify host serves, chosen once at start-up: injected ones
 * (tests) win, otherwise the client build next to the server and `createRenderer` over the catalog.
 */
import type { FastifyInstance } from 'fastify';
import { createRenderer, type Render } from '../ssr/index.js';
import { loadClientBuild, type ClientBuild } from './client-build.js';
import type { Config } from './config.js';
import type { Tracing } from './telemetry/start-tracing.js';

export interface SiteRenderDeps {
  /** Defaults to the client build found next to the server; `undefined` = no client build. */
  clientBuild?: ClientBuild | undefined;
  /** Defaults to `createRenderer` over the bundled catalog. */
  render?: Render;
  /** Started by the entry point when an OTLP endpoint is configured: a server span per request. */
  tracing?: Tracing;
}

export function siteRender(app: FastifyInstance, config: Pick<Config, 'siteOrigin'>, deps: SiteRenderDeps): { clientBuild: ClientBuild | undefined; render: Render } {
  const clientBuild = 'clientBuild' in deps ? deps.clientBuild : loadClientBuild();
  const render = deps.render ?? createRenderer({
    siteOrigin: config.siteOrigin,
    manifest: clientBuild?.manifest,
    onError: (error, url) => app.log.error({ err: error, url }, 'page data failed to load'),
  });
  return { clientBuild, render };
}
