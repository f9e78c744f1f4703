/**
 * The `Cache-Status` response header (RFC 9211), cache name `ssr-offload`.
 * https://www.rfc-editor.org/rfc/rfc9211
 *
 * - `hit; ttl=N` — served from the cache without rendering (ttl < 0: a stale copy, with
 *   `detail=stale-while-revalidate` while one refresh runs in the background).
 * - `fwd=miss` / `fwd=stale` — rendered because there was no usable copy / the copy was too old; `stored`
 *   when the new page was kept, `collapsed` when this request waited for another one's render.
 * - `fwd=stale; fwd-status=503; detail=stale-if-error` — rendering failed, the stale copy was served.
 * - `fwd=bypass` — this request is never answered from the cache (`authorization`, a forwarded cookie).
 */

export const CACHE_NAME = 'ssr-offload';

export type CacheStatus =
  | { readonly hit: true; readonly ttlSeconds: number; readonly detail?: string }
  | {
    readonly hit?: false;
    readonly fwd: 'miss' | 'stale' | 'bypass';
    readonly fwdStatus?: number;
    readonly ttlSeconds?: number;
    readonly stored?: boolean;
    readonly collapsed?: boolean;
    readonly detail?: string;
  };

/** @example formatCacheStatus({ fwd: 'miss', fwdStatus: 200, stored: true, ttlSeconds: 300 }) // 'ssr-offload; fwd=miss; fwd-status=200; ttl=300; stored' */
export function formatCacheStatus(status: CacheStatus): string {
  const parts = [CACHE_NAME];
  if (status.hit) {
    parts.push('hit', `ttl=${status.ttlSeconds}`);
  } else {
    parts.push(`fwd=${status.fwd}`);
    if (status.fwdStatus !== undefined) parts.push(`fwd-status=${status.fwdStatus}`);
    if (status.ttlSeconds !== undefined) parts.push(`ttl=${status.ttlSeconds}`);
    if (status.stored) parts.push('stored');
    if (status.collapsed) parts.push('collapsed');
  }
  // detail is a token or a string (RFC 9211 §2.8); ours are tokens.
  if (status.detail) parts.push(`detail=${status.detail}`);
  return parts.join('; ');
}

/** Seconds of freshness left (negative once stale), as RFC 9211 §2.5 counts `ttl`. */
export function ttlSeconds(freshUntil: number, now: number): number {
  return Math.floor((freshUntil - now) / 1000);
}
