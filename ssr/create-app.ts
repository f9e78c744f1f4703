/**
 * A fresh app, router and page state per request (server) or per page load (browser). Nothing here is
 * module state: sharing any of it across requests would leak one visitor's page into another's.
 */
import { createSSRApp, defineComponent, h, type App } from 'vue';
import { RouterView, type RouteLocationNormalizedLoaded, type Router, type RouterHistory } from 'vue-router';
import { SiteLayout } from './components/site-layout.js';
import type { DataSource } from './data-source.js';
import { kPageState, type PageState } from './page-state.js';
import ErrorPage from './pages/error-page.js';
import NotFoundPage from './pages/not-found-page.js';
import { PageNotFound } from './route-loaders.js';
import { createRouter } from './router.js';

export interface CreateAppOptions {
  history: RouterHistory;
  data: DataSource;
  /** Must be reactive in the browser so navigations re-render. */
  state: PageState;
  /** Browser only: the first navigation uses the server's state instead of loading again. */
  hydrating?: boolean;
  /** Called with data-load failures (they render the 500 page; the host decides how to log). */
  onLoadError?: (error: unknown, url: string) => void;
}

const Root = defineComponent({
  name: 'SsrRoot',
  props: { state: { type: Object as () => PageState, required: true } },
  setup(props) {
    return () => h(SiteLayout, null, () => {
      const { error } = props.state;
      if (error) return h(error.kind === 'not-found' ? NotFoundPage : ErrorPage);
      // Keyed by URL: /category/a?page=1 → ?page=2 reuses the record, but must run the page's setup again.
      return h(RouterView, null, {
        default: ({ Component, route }: { Component: unknown; route: RouteLocationNormalizedLoaded }) =>
          Component ? h(Component as Parameters<typeof h>[0], { key: route.fullPath }) : null,
      });
    });
  },
});

/** Build the app for one request. The caller pushes the URL and awaits `router.isReady()`. */
export function createApp({ history, data, state, hydrating = false, onLoadError }: CreateAppOptions): { app: App; router: Router } {
  const app = createSSRApp(Root, { state });
  const router = createRouter(history);
  app.provide(kPageState, state);
  app.use(router);

  let useServerState = hydrating;
  router.beforeResolve(async (to) => {
    if (useServerState) {
      useServerState = false;
      return true;
    }
    try {
      const outcome = to.meta.load ? await to.meta.load({ params: to.params, query: to.query, data }) : { data: null };
      if ('redirect' in outcome) return outcome.redirect;
      state.data = outcome.data;
      state.status = to.meta.status ?? 200;
      state.error = null;
    } catch (error) {
      state.data = null;
      if (error instanceof PageNotFound) {
        state.status = 404;
        state.error = { kind: 'not-found' };
      } else {
        state.status = 500;
        state.error = { kind: 'server-error' };
        onLoadError?.(error, to.fullPath);
      }
    }
    return true;
  });
  return { app, router };
}
