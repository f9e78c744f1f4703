/**
 * What the cache stores: a page with its windows and tags, or a vary marker. Entries are immutable;
 * a purge in `expire` mode replaces an entry with an expired copy. L1 keeps the page's HTML as the UTF-8
 * bytes a hit is sent from (encoded once when stored, not once per hit: server/encoded-body.ts); Redis keeps the same record as
 * JSON with the HTML as a string (`recordJson` / `parseRecord`).
 */
import { ENCODED_BODY, encodeBody, type EncodedRenderResult } from '../encoded-body.js';
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
  /** The HTML as UTF-8: what a hit sends as it is (`res.end(body)`: no encoding, no length count per hit). */
  readonly body: Buffer;
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

/** Rough bytes an entry holds in memory: the HTML's UTF-8 bytes + headers + keys. */
export function recordSize(record: CacheRecord): number {
  if (record.kind === 'vary') return 128 + record.key.length * 2;
  let size = 512 + record.body.length + record.key.length * 2 + record.url.length;
  for (const [name, value] of Object.entries(record.headers)) size += name.length + value.length;
  return size;
}

/** Past this, the record is of no use. */
export function recordEnd(record: CacheRecord): number {
  return record.kind === 'vary' ? record.until : lifetimeEnd(record);
}

/**
 * The page as a RenderResult (headers without `cache-tag`). Its `html` is decoded from the bytes only if
 * something reads it: the page route sends `body` itself.
 */
export function pageResultOf(page: CachedPage): EncodedRenderResult {
  return {
    status: page.status,
    headers: { ...page.headers },
    get html() { return page.body.toString('utf8'); },
    [ENCODED_BODY]: page.body,
  };
}

/** A record as Redis stores it: JSON, the page's HTML as a string (readable with redis-cli, as before). */
export function recordJson(record: CacheRecord): string {
  if (record.kind === 'vary') return JSON.stringify(record);
  const { body, ...rest } = record;
  return JSON.stringify({ ...rest, html: body.toString('utf8') });
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
      && Array.isArray(value.tags) && Array.isArray(value.vary) && value.headers !== null && typeof value.headers === 'object') {
      const { html, ...rest } = value;
      return { ...rest, body: encodeBody(html as string) } as unknown as CachedPage;
    }
  } catch {
    // fall through: a broken value is a miss
  }
  return undefined;
}
