/**
 * `ROLE=renderer`: the plain in-cluster SSR server. Every page is rendered in-process by `render()`;
 * also the base of the FC custom runtime (`ROLE=function`).
 */
import type { FastifyInstance } from 'fastify';
import { createRenderer, type Render } from '../ssr/index.js';
import { loadClientBuild, type ClientBuild } from './client-build.js';
import type { Config } from './config.js';
import { createHttpHost } from './http-host.js';
import clientAssets from './plugins/client-assets.js';
import pages from './plugins/pages.js';

export interface RendererDeps {
  /** Defaults to the client build found next to the server. */
  clientBuild?: ClientBuild | undefined;
  /** Defaults to `createRenderer` over the bundled catalog. */
  render?: Render;
}

export function buildRenderer(config: Config, deps: RendererDeps = {}): FastifyInstance {
  const app = createHttpHost(config);
  const clientBuild = 'clientBuild' in deps ? deps.clientBuild : loadClientBuild();
  const render = deps.render ?? createRenderer({
    siteOrigin: config.siteOrigin,
    manifest: clientBuild?.manifest,
    onError: (error, url) => app.log.error({ err: error, url }, 'page data failed to load'),
  });
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
