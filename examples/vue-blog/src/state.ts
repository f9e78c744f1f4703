/**
 * What the server hands the browser: the route's data, so hydration renders the same markup without
 * fetching. Serialized as JSON with `<`, `>`, `&` and U+2028/9 escaped, inside a non-executable
 * `<script type="application/json">`: `</script>` in data cannot close it.
 */
import type { Note } from './notes.js';

export const STATE_ID = '__VUE_BLOG_STATE__';

export interface BlogState {
  origin: string;
  /** 200 or 404, decided while loading the route's data. */
  status: number;
  notes: Note[];
  note: Note | null;
  tag: string | null;
}

export function serializeState(state: BlogState): string {
  const json = JSON.stringify(state).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/json" id="${STATE_ID}">${json}</script>`;
}
