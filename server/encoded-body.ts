/**
 * The UTF-8 bytes a page's HTML already exists as: an HTTP target read them off the wire, the render
 * cache stores them. Carried on the RenderResult under a symbol (no app can set it by accident; object
 * spread copies it along with `html`), so the page route sends those bytes with one `res.end(buffer)`
 * instead of counting and encoding the string again for every answer. Whoever builds a result with a
 * different `html` builds a new object without it (nothing in the gateway rewrites a page's HTML).
 */
import type { RenderResult } from './render-contract.js';

export const ENCODED_BODY: unique symbol = Symbol('ssr-offload.encodedBody');

/** A RenderResult that also holds its HTML as UTF-8 bytes. */
export interface EncodedRenderResult extends RenderResult {
  readonly [ENCODED_BODY]: Buffer;
}

/** The bytes `result.html` encodes to, when the result carries them. */
export function encodedBodyOf(result: RenderResult): Buffer | undefined {
  return (result as Partial<EncodedRenderResult>)[ENCODED_BODY];
}
