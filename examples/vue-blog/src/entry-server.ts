/**
 * The render contract ssr-offload plugs in (docs/your-app.md in ssr-offload): `createRenderer(options)`
 * once per process, then `render({url, headers}) → {status, headers, html}` once per request, each with a
 * fresh app, router and state. Nothing here knows about Fastify, FC or Kubernetes.
 */
import { renderToString } from 'vue/server-renderer';
import { createMemoryHistory } from 'vue-router';
import { createBlogApp } from './create-app.js';
import { assetTags, headTags, plainPage, renderHtml, type Manifest } from './html.js';
import { headFor } from './routes.js';
import { serializeState, type BlogState } from './state.js';

export interface RenderRequest { url: string; headers: Record<string, string> }
export interface RenderResult { status: number; headers: Record<string, string>; html: string }
export interface RendererOptions {
  /** Origin of canonical URLs (the host's SITE_ORIGIN), never the request's Host header. */
  siteOrigin: string;
  /** The Vite client manifest of this app, or undefined (pages then render without scripts). */
  manifest?: Manifest;
  onError?: (error: unknown, url: string) => void;
}

const HTML = 'text/html; charset=utf-8';

export function createRenderer(options: RendererOptions): (req: RenderRequest) => Promise<RenderResult> {
  const origin = new URL(options.siteOrigin).origin;
  const assets = assetTags(options.manifest);

  return async function render(req) {
    try {
      const state: BlogState = { origin, status: 200, notes: [], note: null, tag: null };
      const { app, router, state: live } = createBlogApp(createMemoryHistory(), state);
      await router.push(req.url);
      await router.isReady();
      const route = router.currentRoute.value;
      if (route.redirectedFrom) {
        return { status: 301, headers: { location: route.fullPath, 'content-type': HTML, 'cache-control': 'public, max-age=86400' }, html: plainPage(301, 'Moved permanently') };
      }
      const appHtml = await renderToString(app);
      const html = renderHtml({ head: headTags(headFor(route, live)), assets, appHtml, state: serializeState(live) });
      const cacheControl = live.status === 404 ? 'public, max-age=60' : route.meta.private ? 'private, no-cache' : 'public, max-age=300, stale-while-revalidate=60';
      return { status: live.status, headers: { 'content-type': HTML, 'cache-control': cacheControl }, html };
    } catch (error) {
      options.onError?.(error, req.url);
      return { status: 500, headers: { 'content-type': HTML, 'cache-control': 'no-store' }, html: plainPage(500, 'Something went wrong') };
    }
  };
}
