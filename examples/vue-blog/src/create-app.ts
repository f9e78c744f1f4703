/** One app instance (app + router + state) per request on the server, one per page load in the browser. */
import { createSSRApp, h, reactive } from 'vue';
import { createRouter, RouterView, type RouterHistory } from 'vue-router';
import { STATE_KEY } from './pages/pages.js';
import { loadRoute, routes } from './routes.js';
import type { BlogState } from './state.js';

export function createBlogApp(history: RouterHistory, initial: BlogState, { hydrating = false } = {}) {
  const state = reactive(initial) as BlogState;
  const router = createRouter({ history, routes });
  let skipFirstLoad = hydrating;
  router.beforeResolve((to) => {
    // When hydrating, the first route's data came with the HTML: rendering it again must give the same markup.
    if (skipFirstLoad) {
      skipFirstLoad = false;
      return;
    }
    loadRoute(to, state);
  });
  const app = createSSRApp({ name: 'VueBlog', setup: () => () => h(RouterView) });
  app.provide(STATE_KEY, state);
  app.use(router);
  return { app, router, state };
}
