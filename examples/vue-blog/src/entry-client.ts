/** Browser entry: the same app over the server's state, hydrating the server's markup. */
import { createWebHistory } from 'vue-router';
import { createBlogApp } from './create-app.js';
import { STATE_ID, type BlogState } from './state.js';
import './styles.css';

const state = JSON.parse(document.getElementById(STATE_ID)?.textContent ?? 'null') as BlogState;
const { app, router } = createBlogApp(createWebHistory(), state, { hydrating: true });
void router.isReady().then(() => {
  app.mount('#app');
  document.documentElement.dataset.hydrated = 'true';
});
