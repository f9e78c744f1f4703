/**
 * The route table, shared by server and browser. The server creates the router with memory history
 * (no initial navigation of its own); the browser with web history.
 */
import { createRouter as createVueRouter, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import { loadArticle, loadCategory, loadHome, loadProduct, loadSearch, type Loader } from './route-loaders.js';
import NotFoundPage from './pages/not-found-page.js';

/** Cache policies, named for what they protect. */
export const CACHE_CONTROL = {
  /** Catalog pages: shared caches may keep them briefly and serve stale while revalidating or on error. */
  catalog: 'public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400',
  /** Editorial pages change rarely. */
  editorial: 'public, max-age=300, s-maxage=3600, stale-while-revalidate=86400, stale-if-error=86400',
  /** Search reflects arbitrary user input: never store it in a shared cache. */
  search: 'private, no-cache',
  notFound: 'public, max-age=60',
  redirect: 'public, max-age=3600',
  error: 'no-store',
} as const;

declare module 'vue-router' {
  interface RouteMeta {
    /** Loads the page's data before render (server) or before navigation (browser). */
    load?: Loader;
    /** Source module of the page component, the key into Vite's manifest for preload links. */
    module?: string;
    status?: number;
    cacheControl?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'home',
    component: () => import('./pages/home-page.js'),
    meta: { load: loadHome, module: 'ssr/pages/home-page.ts', cacheControl: CACHE_CONTROL.catalog },
  },
  {
    path: '/category/:slug([a-z0-9-]+)',
    name: 'category',
    component: () => import('./pages/category-page.js'),
    meta: { load: loadCategory, module: 'ssr/pages/category-page.ts', cacheControl: CACHE_CONTROL.catalog },
  },
  {
    path: '/products/:id(\\d+)',
    name: 'product',
    component: () => import('./pages/product-page.js'),
    meta: { load: loadProduct, module: 'ssr/pages/product-page.ts', cacheControl: CACHE_CONTROL.catalog },
  },
  // The old shop's URLs moved for good: a permanent redirect keeps their search ranking.
  { path: '/item/:id(\\d+)', redirect: (to) => ({ name: 'product', params: { id: to.params.id } }) },
  {
    path: '/blog/:slug([a-z0-9-]+)',
    name: 'article',
    component: () => import('./pages/article-page.js'),
    meta: { load: loadArticle, module: 'ssr/pages/article-page.ts', cacheControl: CACHE_CONTROL.editorial },
  },
  {
    path: '/search',
    name: 'search',
    component: () => import('./pages/search-page.js'),
    meta: { load: loadSearch, module: 'ssr/pages/search-page.ts', cacheControl: CACHE_CONTROL.search },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: NotFoundPage,
    meta: { status: 404, cacheControl: CACHE_CONTROL.notFound },
  },
];

/** A fresh router per app instance: routers hold the current route, so they are never shared. */
export function createRouter(history: RouterHistory) {
  return createVueRouter({
    history,
    routes,
    // Pages answer with a fresh view; keep the browser's own scroll restoration for back/forward.
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
}
