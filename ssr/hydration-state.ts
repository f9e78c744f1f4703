/**
 * Server → browser state transfer. devalue's `stringify` escapes `<` (so `</script>` in catalog data
 * cannot end the script early) and the result sits in a non-executable JSON script, which keeps a strict
 * Content-Security-Policy possible. Never inline raw `JSON.stringify` output.
 */
import { parse, stringify } from 'devalue';
import type { PageState } from './page-state.js';

export const STATE_ELEMENT_ID = '__SSR_STATE__';

/** `<script type="application/json">` carrying the page state. */
export function serializeState(state: PageState): string {
  return `<script type="application/json" id="${STATE_ELEMENT_ID}">${stringify(state)}</script>`;
}

/** Read the state the server embedded (browser only). */
export function readState(text: string): PageState {
  return parse(text) as PageState;
}
