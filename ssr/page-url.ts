/**
 * Validates the URL of a page request before it reaches the router. Hosts answer 400 for anything that
 * fails here; nothing half-parsed is rendered.
 */

/** FC rejects longer path+query (docs/sources.md#fc-request-limits); we hold every host to the same limit. */
export const MAX_URL_LENGTH = 4096;

export type PageUrl = { ok: true; path: string } | { ok: false; reason: string };

/** Check that `url` is an origin-relative path (+ query) with valid percent-encoding. */
export function parsePageUrl(url: string): PageUrl {
  if (typeof url !== 'string' || url.length === 0) return { ok: false, reason: 'empty URL' };
  if (url.length > MAX_URL_LENGTH) return { ok: false, reason: 'URL too long' };
  // `//host` and `/\host` would be read as another origin by browsers following a redirect.
  if (!url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return { ok: false, reason: 'URL must be an absolute path' };
  if (/[\u0000-\u001f\u007f\s]/.test(url)) return { ok: false, reason: 'control characters or spaces in URL' };
  const hashAt = url.indexOf('#');
  const path = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = path.indexOf('?');
  try {
    decodeURIComponent(queryAt === -1 ? path : path.slice(0, queryAt));
    if (queryAt !== -1) decodeURIComponent(path.slice(queryAt + 1).replace(/\+/g, ' '));
  } catch {
    return { ok: false, reason: 'invalid percent-encoding' };
  }
  return { ok: true, path };
}
