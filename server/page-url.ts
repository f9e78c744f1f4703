/**
 * The one rule that decides a page URL's canonical form, applied by every host before any app, cache,
 * route or render target sees the URL: the Fastify hosts' first `onRequest` hook (gateway, renderer,
 * custom runtime: plugins/canonical-url.ts) and the FC invocation (built-in handler, custom runtime
 * `/invoke`: functions/invocation.ts). So the same URL gets the same answer from FC and from local render,
 * whatever app is plugged in (docs/gateway.md "Canonical page URLs").
 *
 * - Dot-segments are resolved per RFC 3986 §5.2.4 (https://www.rfc-editor.org/rfc/rfc3986#section-5.2.4),
 *   encoded ones too: `%2e` is an encoded unreserved character, so it is decoded first (§6.2.2.2) and
 *   `%2e%2e`, `%2E.` and `.%2e` are all `..`. WHATWG URL parsers (undici, browsers) treat them the same
 *   way (https://url.spec.whatwg.org/#double-dot-path-segment), which is why an unresolved one is never
 *   sent upstream.
 * - Percent-encoded unreserved characters are decoded and the other escapes get upper-case hex
 *   (§6.2.2.1); characters a path may not carry raw (§3.3 `pchar`) are percent-encoded as UTF-8.
 * - Refused (`ok: false`, the 400 page): an encoded `/` or `\` inside a segment (servers behind us may
 *   decode it and see a different path), a raw `\` (WHATWG turns it into `/`), NUL and other control
 *   characters raw or encoded, bad percent-encoding or invalid UTF-8, a fragment (never part of a
 *   request target, RFC 9112 §3.2.1), more than MAX_URL_LENGTH characters, and a path that is or resolves
 *   to `//host` (a scheme-relative URL once it is a `location`).
 * - The query is kept byte for byte (only its percent-encoding is checked): its normal form is the
 *   cache's business, not the path's.
 *
 * A URL whose canonical form differs is answered with a 301 to the canonical URL (GET/HEAD), never
 * rendered: one URL per page for crawlers and caches, and a browser that followed a sloppy link lands on
 * the real address.
 */

/** FC rejects a longer path+query with 400 InvalidArgument (docs/sources.md#fc-request-limits); every host holds the same limit. */
export const MAX_URL_LENGTH = 4096;

export type CanonicalUrl =
  | {
    ok: true;
    /** The canonical path plus `?query` when the input had one: what every renderer receives. */
    url: string;
    /** The canonical path alone (for cache keys and routing). */
    path: string;
    /** The query without `?`, byte for byte as received; undefined when there was no `?`. */
    query: string | undefined;
    /** True when `url` is exactly the input: render it; otherwise redirect to `url`. */
    canonical: boolean;
  }
  | { ok: false; reason: string };

/** RFC 3986 §2.3 unreserved characters: an escape of one of these is decoded. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
/** RFC 3986 §3.3 `pchar` minus `%`: allowed raw in a path segment. */
const RAW_PCHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;
/** Control characters and whitespace (raw), anywhere in the target. */
const CONTROL = /[\u0000-\u0020\u007f]/;

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** One segment in normal form, or the reason it cannot have one. */
function normalizeSegment(segment: string): string | { reason: string } {
  let out = '';
  for (let i = 0; i < segment.length; i += 1) {
    const char = segment[i]!;
    if (char === '%') {
      const hex = segment.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return { reason: 'invalid percent-encoding' };
      const byte = Number.parseInt(hex, 16);
      if (byte === 0x2f || byte === 0x5c) return { reason: 'encoded / or \\ inside a path segment' };
      if (byte < 0x20 || byte === 0x7f) return { reason: 'encoded control character in the path' };
      const decoded = String.fromCharCode(byte);
      out += byte < 0x80 && UNRESERVED.test(decoded) ? decoded : `%${hex.toUpperCase()}`;
      i += 2;
    } else if (char === '\\') {
      return { reason: 'backslash in the path' };
    } else if (RAW_PCHAR.test(char)) {
      out += char;
    } else {
      // `"<>[]^`{|}` and non-ASCII: encoded as UTF-8, as a browser would have sent them.
      const code = segment.codePointAt(i)!;
      const whole = String.fromCodePoint(code);
      try {
        out += encodeURIComponent(whole);
      } catch {
        return { reason: 'lone surrogate in the path' };
      }
      i += whole.length - 1;
    }
  }
  return out;
}

/** RFC 3986 §5.2.4 remove_dot_segments over already-normalised segments of an absolute path. */
function removeDotSegments(segments: readonly string[]): string {
  const output: string[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (segment === '.' || segment === '..') {
      if (segment === '..') output.pop();
      // `/a/.` and `/a/b/..` keep their trailing slash (`/a/`), as the RFC's algorithm does.
      if (last) output.push('');
    } else {
      output.push(segment);
    }
  }
  return `/${output.join('/')}`;
}

/**
 * Decide the canonical form of a request target (origin-form path plus optional query).
 *
 * @example
 * canonicalPageUrl('/x/%2e%2e/products/1001?ref=home');
 * // { ok: true, url: '/products/1001?ref=home', path: '/products/1001', query: 'ref=home', canonical: false }
 * canonicalPageUrl('/products/..%2fadmin'); // { ok: false, reason: 'encoded / or \ inside a path segment' }
 */
export function canonicalPageUrl(target: string): CanonicalUrl {
  // Every request runs through here: most targets are already in normal form, and `isPlainlyCanonical`
  // answers them in one regex test (test/server/canonical-url-fast-path-agrees-with-the-full-rule.test.ts).
  if (typeof target === 'string' && isPlainlyCanonical(target)) {
    const queryAt = target.indexOf('?');
    return queryAt === -1
      ? { ok: true, url: target, path: target, query: undefined, canonical: true }
      : { ok: true, url: target, path: target.slice(0, queryAt), query: target.slice(queryAt + 1), canonical: true };
  }
  return canonicalForm(target);
}

/**
 * Segments of raw `pchar` only (no `%`, no `\\`), none empty and none `.` or `..`, then an optional query
 * of printable ASCII without `%` or `#`: nothing the full rule would decode, encode, resolve or refuse.
 * The root `/` and one trailing slash are allowed.
 */
const PLAINLY_CANONICAL = /^(?:(?:\/(?!\.\.?(?:[/?]|$))[A-Za-z0-9\-._~!$&'()*+,;=:@]+)+\/?|\/)(?:\?[\x21-\x22\x24\x26-\x7e]*)?$/;

/** True only for targets the full rule leaves as they are (the converse does not hold). */
export function isPlainlyCanonical(target: string): boolean {
  return target.length <= MAX_URL_LENGTH && PLAINLY_CANONICAL.test(target);
}

/** The full rule (`canonicalPageUrl` without its fast path), exported for the test that compares them. */
export function canonicalForm(target: string): CanonicalUrl {
  if (typeof target !== 'string' || target.length === 0) return refuse('empty URL');
  if (target.length > MAX_URL_LENGTH) return refuse('URL too long');
  if (!target.startsWith('/') || target.startsWith('//')) return refuse('URL must be an absolute path');
  if (CONTROL.test(target)) return refuse('control characters or spaces in URL');
  if (target.includes('#')) return refuse('a request target has no fragment');
  const queryAt = target.indexOf('?');
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? undefined : target.slice(queryAt + 1);
  try {
    // Rejects bad escapes and escapes that are not UTF-8 (`%E0%A4%A`, overlong `%C0%AE`).
    decodeURIComponent(rawPath);
    if (query !== undefined) decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    return refuse('invalid percent-encoding');
  }
  const segments: string[] = [];
  for (const segment of rawPath.slice(1).split('/')) {
    const normal = normalizeSegment(segment);
    if (typeof normal !== 'string') return refuse(normal.reason);
    segments.push(normal);
  }
  const path = removeDotSegments(segments);
  if (path.startsWith('//')) return refuse('the path resolves to a scheme-relative URL');
  const url = query === undefined ? path : `${path}?${query}`;
  return { ok: true, url, path, query, canonical: url === target };
}
