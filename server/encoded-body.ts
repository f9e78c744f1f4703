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

/**
 * `html` as UTF-8 in memory of its own. Not `Buffer.from`: below 4 KB that slices Node's shared 8 KB pool
 * (https://nodejs.org/api/buffer.html#static-method-bufferallocunsafesize), and a small cached page (a
 * redirect) would keep a whole slab alive while the cache's byte budget counts only its own bytes.
 */
export function encodeBody(html: string): Buffer {
  const body = Buffer.allocUnsafeSlow(Buffer.byteLength(html, 'utf8'));
  body.write(html, 0, 'utf8');
  return body;
}

/** Chunks read off a socket, joined into memory of their own (see `encodeBody`). */
export function joinBody(chunks: readonly Buffer[], size: number): Buffer {
  const body = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const chunk of chunks) at += chunk.copy(body, at);
  return body;
}
