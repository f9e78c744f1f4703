/** Routes, the data each one needs, and the head tags it renders. Shared by server and browser. */
import type { RouteLocationNormalizedLoaded, RouteRecordRaw } from 'vue-router';
import { findNote, NOTES, notesTagged } from './notes.js';
import { HomePage, NotePage, NotFoundPage, TagPage } from './pages/pages.js';
import type { BlogState } from './state.js';

export const routes: RouteRecordRaw[] = [
  { path: '/', component: HomePage },
  { path: '/notes/:slug', component: NotePage },
  // An old short link: the router's redirect becomes a 301 on the server.
  { path: '/n/:slug', redirect: (to) => `/notes/${String(to.params.slug)}` },
  { path: '/tags', component: TagPage, meta: { private: true } },
  { path: '/:rest(.*)*', component: NotFoundPage, meta: { notFound: true } },
];

/** Fill `state` for the matched route (the data a real app would fetch). */
export function loadRoute(route: RouteLocationNormalizedLoaded, state: BlogState): void {
  state.status = route.meta.notFound ? 404 : 200;
  state.note = null;
  state.tag = null;
  state.notes = [];
  if (route.path === '/') state.notes = [...NOTES];
  else if (route.params.slug !== undefined && !route.meta.notFound) {
    state.note = findNote(String(route.params.slug)) ?? null;
    if (!state.note) state.status = 404;
  } else if (route.path === '/tags') {
    state.tag = typeof route.query.tag === 'string' ? route.query.tag : '';
    state.notes = notesTagged(state.tag);
  }
}

export interface Head {
  title: string;
  description: string;
  canonical: string | undefined;
  robots: string | undefined;
  jsonLd: Record<string, unknown> | undefined;
}

/** The head tags of the loaded route. */
export function headFor(route: RouteLocationNormalizedLoaded, state: BlogState): Head {
  if (state.status === 404) return { title: 'Not found · vue-blog', description: 'There is no page at this address.', canonical: undefined, robots: 'noindex', jsonLd: undefined };
  if (state.note) {
    const url = `${state.origin}/notes/${state.note.slug}`;
    return {
      title: `${state.note.title} · vue-blog`,
      description: state.note.summary,
      canonical: url,
      robots: undefined,
      jsonLd: { '@context': 'https://schema.org', '@type': 'BlogPosting', headline: state.note.title, datePublished: state.note.published, url },
    };
  }
  if (route.path === '/tags') return { title: `Tagged ${state.tag} · vue-blog`, description: 'Notes by tag.', canonical: undefined, robots: 'noindex', jsonLd: undefined };
  return {
    title: 'vue-blog',
    description: 'Notes on offloading server-side rendering.',
    canonical: `${state.origin}/`,
    robots: undefined,
    jsonLd: { '@context': 'https://schema.org', '@type': 'WebSite', name: 'vue-blog', url: `${state.origin}/` },
  };
}
