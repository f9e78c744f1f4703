/** Browser entry: rebuild the same app from the server's state and hydrate the existing markup. */
import { createHead } from '@unhead/vue/client';
import { reactive } from 'vue';
import { createWebHistory } from 'vue-router';
import { createApp } from './create-app.js';
import { createCatalogDataSource } from './data-source.js';
import { readState, STATE_ELEMENT_ID } from './hydration-state.js';
import './styles.css';

const state = reactive(readState(document.getElementById(STATE_ELEMENT_ID)?.textContent ?? 'null'));
const { app, router } = createApp({
  history: createWebHistory(),
  data: createCatalogDataSource(),
  state,
  hydrating: true,
  onLoadError: (error, url) => console.warn(`Could not load ${url}`, error),
});
app.use(createHead());
router.isReady().then(() => {
  app.mount('#app');
  // A marker for monitoring and end-to-end tests: the page is interactive from here on.
  document.documentElement.dataset.hydrated = 'true';
});
