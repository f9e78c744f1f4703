/**
 * Which rendered pages the cache may keep, and for how long (RFC 9111 §3 "Storing
 * Responses in Caches"). Never stored: `no-store`, `private`, `no-cache` (it would need a revalidation on
 * every use, which a renderer cannot answer with 304), `set-cookie`, `vary: *`, and a `vary` on a header
 * that is not part of the key (the cache could not tell the variants apart). 200, 301 and 308 are stored
 * with an explicit lifetime; 404 and 410 too (their lifetime must be explicit as well, RFC 9111 §4.2.2).
 * https://www.rfc-editor.org/rfc/rfc9111#section-3
 */
import type { RenderResult } from '../render-contract.js';
import { parseCacheControl } from './cache-control.js';
import { freshnessWindows, lifetimeEnd, type FreshnessWindows } from './freshness.js';

/** Statuses a page may be cached with (all of them need an explicit lifetime here). */
export const CACHEABLE_STATUSES: ReadonlySet<number> = new Set([200, 301, 308, 404, 410]);

/** Why a page was not stored: the `detail` of its Cache-Status and a debug log field. */
export type NotStoredReason =
  | 'status' | 'no-store' | 'private' | 'no-cache' | 'set-cookie' | 'vary-star' | 'vary-unkeyed' | 'no-lifetime';

export type Storability =
  | { readonly store: true; readonly windows: FreshnessWindows; readonly vary: readonly string[]; readonly tags: readonly string[] }
  | { readonly store: false; readonly reason: NotStoredReason };

/** `cache-tag: a, b` (the page's purge tags), trimmed and de-duplicated. */
export function cacheTagsOf(headers: Readonly<Record<string, string>>): string[] {
  const value = headers['cache-tag'];
  if (!value) return [];
  return [...new Set(value.split(',').map((tag) => tag.trim()).filter(Boolean))];
}

/**
 * Decide whether `result` may be stored at `now`, given the request headers the key can include.
 * @example
 * storabilityOf({ status: 200, headers: { 'cache-control': 'public, s-maxage=300' }, html }, { now, keyedHeaders: ['accept-language'] })
 * // { store: true, windows: {...}, vary: [], tags: [] }
 */
export function storabilityOf(result: RenderResult, { now, keyedHeaders }: { now: number; keyedHeaders: readonly string[] }): Storability {
  if (!CACHEABLE_STATUSES.has(result.status)) return { store: false, reason: 'status' };
  const directives = parseCacheControl(result.headers['cache-control']);
  for (const reason of ['no-store', 'private', 'no-cache'] as const) {
    if (directives.has(reason)) return { store: false, reason };
  }
  if ('set-cookie' in result.headers) return { store: false, reason: 'set-cookie' };
  const vary = (result.headers.vary ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (vary.includes('*')) return { store: false, reason: 'vary-star' };
  if (vary.some((name) => !keyedHeaders.includes(name))) return { store: false, reason: 'vary-unkeyed' };
  const windows = freshnessWindows(directives, result.headers.age, now);
  // max-age=0 with no stale window: nothing to keep.
  if (!windows || lifetimeEnd(windows) <= now) return { store: false, reason: 'no-lifetime' };
  return { store: true, windows, vary: [...new Set(vary)].sort(), tags: cacheTagsOf(result.headers) };
}
