/**
 * `POST /cache/purge` bodies (README "Render cache": purge): `{"urls"?: [], "prefixes"?: [], "tags"?: [],
 * "mode": "expire" | "invalidate"}`. Validation names the field that is wrong, so an operator's script
 * gets an answer it can act on; matching is shared by L1 and the Redis tier.
 */
import type { CachedPage } from './cache-entry.js';

export type PurgeMode = 'expire' | 'invalidate';
export const PURGE_MODES: readonly PurgeMode[] = ['expire', 'invalidate'];

/** A validated purge: URLs are path + query (an absolute URL's origin is dropped). */
export interface PurgeSpec {
  readonly mode: PurgeMode;
  readonly urls: readonly string[];
  readonly prefixes: readonly string[];
  readonly tags: readonly string[];
}

export type PurgeParse = { ok: true; spec: PurgeSpec } | { ok: false; field: string; message: string };

const MAX_ITEMS = 1000;
const FIELDS = new Set(['urls', 'prefixes', 'tags', 'mode']);

function pathOf(value: string): string | undefined {
  if (value.startsWith('/') && !value.startsWith('//')) return value.split('#', 1)[0];
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.pathname + url.search;
  } catch {
    // not a URL: refused below
  }
  return undefined;
}

function list(body: Record<string, unknown>, field: 'urls' | 'prefixes' | 'tags'): string[] | { field: string; message: string } {
  const value = body[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) return { field, message: `${field} must be an array of strings` };
  if (value.length > MAX_ITEMS) return { field, message: `${field} may hold at most ${MAX_ITEMS} entries` };
  const out: string[] = [];
  for (const [index, item] of value.entries()) {
    const name = `${field}[${index}]`;
    if (typeof item !== 'string' || item.trim() === '' || item.length > 2048) return { field: name, message: `${name} must be a non-empty string of at most 2048 characters` };
    if (field === 'tags') {
      if (/[,\s]/.test(item)) return { field: name, message: `${name} must be one tag (no commas or spaces)` };
      out.push(item);
    } else if (field === 'prefixes') {
      if (!item.startsWith('/')) return { field: name, message: `${name} must be a path starting with /` };
      out.push(item);
    } else {
      const path = pathOf(item);
      if (path === undefined) return { field: name, message: `${name} must be a path (/products/1) or an http(s) URL` };
      out.push(path);
    }
  }
  return out;
}

/**
 * @example
 * parsePurgeRequest({ tags: ['product-1001'], mode: 'expire' }) // { ok: true, spec: { mode: 'expire', urls: [], prefixes: [], tags: ['product-1001'] } }
 * parsePurgeRequest({ urls: '/a', mode: 'expire' })            // { ok: false, field: 'urls', message: 'urls must be an array of strings' }
 */
export function parsePurgeRequest(body: unknown): PurgeParse {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, field: 'body', message: 'the body must be a JSON object' };
  const record = body as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (!FIELDS.has(name)) return { ok: false, field: name, message: `unknown field ${name} (expected urls, prefixes, tags, mode)` };
  }
  if (!PURGE_MODES.includes(record.mode as PurgeMode)) return { ok: false, field: 'mode', message: 'mode must be "expire" or "invalidate"' };
  const urls = list(record, 'urls');
  if (!Array.isArray(urls)) return { ok: false, ...urls };
  const prefixes = list(record, 'prefixes');
  if (!Array.isArray(prefixes)) return { ok: false, ...prefixes };
  const tags = list(record, 'tags');
  if (!Array.isArray(tags)) return { ok: false, ...tags };
  if (urls.length + prefixes.length + tags.length === 0) return { ok: false, field: 'urls', message: 'name at least one of urls, prefixes or tags' };
  return { ok: true, spec: { mode: record.mode as PurgeMode, urls, prefixes, tags } };
}

/** A purge spec whose URLs were turned into primary keys of one site (see `pageKeyOf`). */
export interface SitePurge {
  readonly site: string;
  readonly mode: PurgeMode;
  readonly primaries: readonly string[];
  readonly prefixes: readonly string[];
  readonly tags: readonly string[];
}

/** Whether a stored page is one the purge names. */
export function purgeMatches(purge: SitePurge, page: CachedPage): boolean {
  if (page.site !== purge.site) return false;
  if (purge.primaries.includes(page.primary)) return true;
  if (purge.prefixes.some((prefix) => page.url.startsWith(prefix))) return true;
  return purge.tags.length > 0 && page.tags.some((tag) => purge.tags.includes(tag));
}
