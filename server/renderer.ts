/**
 * `ROLE=renderer`: the plain in-cluster SSR server. Every page is rendered in-process by the app
 * `SSR_APP` names; also the base of the FC custom runtime (`ROLE=function`).
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { createHttpHost } from './http-host.js';
import clientAssets from './plugins/client-assets.js';
import pages from './plugins/pages.js';
import type { Render } from './render-contract.js';
import { siteRender, type SiteRenderDeps } from './site-render.js';
import { warmUpBeforeReady } from './warm-up.js';

export type RendererDeps = SiteRenderDeps;

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's render function this host serves (usable once the host is ready). */
    readonly pageRender: Render;
  }
}

export function buildRenderer(config: Config, deps: RendererDeps = {}): FastifyInstance {
  const app = createHttpHost(config, deps.tracing);
  const { clientBuild, render } = siteRender(app, config, deps);
  app.decorate('pageRender', render);
  // Also the FC custom runtime's base: there its initializer hook waits for the warm-up.
  warmUpBeforeReady(app, { ...config.warmUp, render });
  app.register(clientAssets, { dir: clientBuild?.dir });
  app.register(pages, {
    answer: async (renderRequest) => {
      const started = performance.now();
      const result = await render(renderRequest);
      return { result, renderBy: 'local', timings: [{ name: 'render', durationMs: performance.now() - started }] };
    },
  });
  return app;
}
