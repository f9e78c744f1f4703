/**
 * What the cache stores: a page with its windows and tags, or a vary marker. Entries are immutable;
 * a purge in `expire` mode replaces an entry with an expired copy. The same shape is kept in L1 and,
 * as JSON, in Redis.
 */
import type { RenderResult } from '../render-contract.js';
import { lifetimeEnd, type FreshnessWindows } from './freshness.js';

export interface CachedPage extends FreshnessWindows {
  readonly kind: 'page';
  /** Entry key: the primary key, plus the vary'd header values when the page names `vary`. */
  readonly key: string;
  readonly primary: string;
  readonly site: string;
  /** Path + normalized query. */
  readonly url: string;
  readonly status: number;
  /** Headers as rendered, without `cache-tag` (kept in `tags`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly html: string;
  readonly tags: readonly string[];
  /** The request headers the page varies on (sorted, lower case; empty for most pages). */
  readonly vary: readonly string[];
  /** Who rendered it (`fc` or `local`), for logs. */
  readonly renderedBy: string;
}

/**
 * Stored under a page's primary key when the page names `vary`: the lookup then reads these request
 * headers to find the variant's own entry (RFC 9111 §4.1). Lives as long as the longest variant.
 */
export interface VaryMarker {
  readonly kind: 'vary';
  readonly key: string;
  readonly vary: readonly string[];
  readonly until: number;
}

export type CacheRecord = CachedPage | VaryMarker;

/** Rough bytes an entry holds in memory: the HTML (one byte per char for Latin-1 strings in V8) + headers + keys. */
export function recordSize(record: CacheRecord): number {
  if (record.kind === 'vary') return 128 + record.key.length * 2;
  let size = 512 + record.html.length + record.key.length * 2 + record.url.length;
  for (const [name, value] of Object.entries(record.headers)) size += name.length + value.length;
  return size;
}

/** Past this, the record is of no use. */
export function recordEnd(record: CacheRecord): number {
  return record.kind === 'vary' ? record.until : lifetimeEnd(record);
}

/** The page as a RenderResult (headers without `cache-tag`). */
export function pageResultOf(page: CachedPage): RenderResult {
  return { status: page.status, headers: { ...page.headers }, html: page.html };
}

/**
 * An `expire` purge: fresh no longer, but still served stale to the next reader while one refresh runs
 * (README "Render cache": purge), so the stale-while-revalidate window is stretched to at least `graceMs` from now.
 */
export function expiredCopy(page: CachedPage, now: number, graceMs: number): CachedPage {
  if (page.freshUntil <= now && page.staleWhileRevalidateUntil >= now + graceMs) return page;
  return {
    ...page,
    freshUntil: Math.min(page.freshUntil, now),
    staleWhileRevalidateUntil: Math.max(page.staleWhileRevalidateUntil, now + graceMs),
  };
}

/** Parse a record read back from Redis; anything that does not look like one is ignored (a miss). */
export function parseRecord(text: string | null): CacheRecord | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value.kind === 'vary' && typeof value.key === 'string' && Array.isArray(value.vary) && typeof value.until === 'number') return value as unknown as VaryMarker;
    if (value.kind === 'page' && typeof value.key === 'string' && typeof value.html === 'string' && typeof value.status === 'number'
      && typeof value.freshUntil === 'number' && typeof value.staleIfErrorUntil === 'number' && typeof value.staleWhileRevalidateUntil === 'number'
      && Array.isArray(value.tags) && Array.isArray(value.vary) && value.headers !== null && typeof value.headers === 'object') return value as unknown as CachedPage;
  } catch {
    // fall through: a broken value is a miss
  }
  return undefined;
}
