/**
 * `render(RenderRequest) → RenderResult`: the one function every host calls (gateway fallback, FC
 * built-in handler, FC custom runtime, in-cluster renderer).
 */
import { createHead } from '@unhead/vue/server';
import { reactive } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createMemoryHistory } from 'vue-router';
import { createAssetLinks, type ViteManifest } from './asset-links.js';
import type { Render, RenderRequest, RenderResult } from './contract.js';
import { createApp } from './create-app.js';
import { createCatalogDataSource, type DataSource } from './data-source.js';
import { renderDocument, renderPlainPage } from './html-template.js';
import { serializeState } from './hydration-state.js';
import type { PageState } from './page-state.js';
import { cacheTagsFor } from './cache-tags.js';
import { CACHE_CONTROL, routes } from './router.js';
import { parsePageUrl } from './page-url.js';

export interface RendererOptions {
  /** Absolute origin for canonical URLs, e.g. `https://shop.example.com`. */
  siteOrigin: string;
  /** Vite client manifest; without it pages render with no scripts (still complete HTML). */
  manifest?: ViteManifest;
  /** Public URL prefix of the client assets (default `/`). */
  assetBase?: string;
  /** Page data; defaults to the bundled catalog. */
  data?: DataSource;
  /** Told about data-load failures and render crashes; the page answers 500 either way. */
  onError?: (error: unknown, url: string) => void;
}

const HTML = 'text/html; charset=utf-8';

/**
 * Build the render function once per process (assets and data source are resolved here, not per request).
 * @example
 * const render = createRenderer({ siteOrigin: 'https://shop.example.com', manifest });
 * const { status, headers, html } = await render({ url: '/products/1001', headers: {} });
 */
export function createRenderer(options: RendererOptions): Render {
  const data = options.data ?? createCatalogDataSource();
  const modules = routes.map((route) => route.meta?.module).filter((module): module is string => Boolean(module));
  const assetsFor = createAssetLinks(options.manifest, modules, options.assetBase);
  const siteOrigin = new URL(options.siteOrigin).origin;

  return async function render(req: RenderRequest): Promise<RenderResult> {
    const url = parsePageUrl(req.url);
    if (!url.ok) {
      return { status: 400, headers: { 'content-type': HTML, 'cache-control': CACHE_CONTROL.error }, html: renderPlainPage(400, 'Bad request', 'The address of this page is not valid.') };
    }
    let nav: PageState['nav'];
    try {
      nav = await data.categories();
    } catch (error) {
      options.onError?.(error, url.path);
      nav = [];
    }
    const state = reactive<PageState>({ siteOrigin, status: 200, nav, data: null, error: null }) as PageState;
    const head = createHead();
    const { app, router } = createApp({ history: createMemoryHistory(), data, state, onLoadError: options.onError });
    app.use(head);
    await router.push(url.path);
    await router.isReady();
    const route = router.currentRoute.value;
    if (route.redirectedFrom) {
      const location = route.fullPath;
      return {
        status: 301,
        headers: { location, 'content-type': HTML, 'cache-control': CACHE_CONTROL.redirect },
        html: renderPlainPage(301, 'Moved permanently', 'This page has moved.'),
      };
    }
    const appHtml = await renderToString(app);
    const html = renderDocument({
      head: head.render(),
      assets: assetsFor(state.error ? undefined : route.meta.module),
      appHtml,
      stateScript: serializeState(state),
    });
    const cacheControl = state.status === 404 ? CACHE_CONTROL.notFound
      : state.status >= 500 ? CACHE_CONTROL.error
        : route.meta.cacheControl ?? CACHE_CONTROL.catalog;
    const headers: Record<string, string> = { 'content-type': HTML, 'cache-control': cacheControl };
    const tags = state.status === 200 ? cacheTagsFor(route) : undefined;
    if (tags) headers['cache-tag'] = tags;
    return { status: state.status, headers, html };
  };
}
