/**
 * The per-request state a page renders from. The server fills it while routing, serializes it into the
 * document, and the browser hydrates from the same object, so both sides render identical markup.
 */
import { inject, type InjectionKey } from 'vue';
import type { Category } from './catalog.js';

export interface PageError {
  kind: 'not-found' | 'server-error';
}

export interface PageState {
  /** Absolute origin for canonical and Open Graph URLs (configured, never taken from Host). */
  siteOrigin: string;
  /** HTTP status the page answers with. */
  status: number;
  /** Categories for the navigation bar. */
  nav: Category[];
  /** Route data returned by the matched route's loader. */
  data: unknown;
  error: PageError | null;
}

export const kPageState: InjectionKey<PageState> = Symbol('ssr.pageState');

/** The current request's page state; throws if a component renders outside `createApp`. */
export function usePageState(): PageState {
  const state = inject(kPageState);
  if (!state) throw new Error('usePageState() called outside an ssr-offload app');
  return state;
}

/** The current route's loader data, typed by the page that asks for it. */
export function usePageData<T>(): T {
  return usePageState().data as T;
}
