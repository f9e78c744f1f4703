/**
 * The cache key of a page: site + path + normalized query (+ the values of the request headers the page
 * names in `vary`, see `variantKeyOf`). Never the raw `Host` header, so a spoofed Host or
 * X-Forwarded-Host can neither choose nor poison an entry.
 *
 * The query is parsed, stripped of the ignored parameters (trackers such as `utm_*`, `gclid`) and
 * re-serialized in a stable order; the renderer is given that same URL, so a page can never depend on
 * a value that is not in its key.
 */

/** A page request reduced to what identifies its cached copy. */
export interface PageKey {
  /** `site` + `\n` + `url`: the entry key when the page has no `vary`. */
  readonly primary: string;
  readonly site: string;
  /** Path + normalized query: what the renderer sees and what URL/prefix purges match. */
  readonly url: string;
}

/** Compile `CACHE_IGNORE_PARAMS` (`utm_*` = any parameter starting with `utm_`) into one test. */
export function ignoredParamTest(patterns: readonly string[]): (name: string) => boolean {
  const exact = new Set(patterns.filter((p) => !p.endsWith('*')).map((p) => p.toLowerCase()));
  const prefixes = patterns.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1).toLowerCase());
  return (name) => {
    const lower = name.toLowerCase();
    return exact.has(lower) || prefixes.some((prefix) => lower.startsWith(prefix));
  };
}

/**
 * Path + query with ignored parameters removed and the rest sorted by name (a stable sort: repeated
 * names keep their order, which may matter to the page). Encoding is re-done by URLSearchParams, so
 * `?b=1&a=%7E` and `?a=~&b=1` are the same page.
 * @example
 * normalizePageUrl('/c/shoes?utm_source=x&page=2&color=red', ignoredParamTest(['utm_*'])) // '/c/shoes?color=red&page=2'
 */
export function normalizePageUrl(url: string, isIgnored: (name: string) => boolean): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const path = url.slice(0, q);
  const params = new URLSearchParams(url.slice(q + 1));
  const kept = [...params].filter(([name]) => !isIgnored(name));
  if (kept.length === 0) return path;
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${path}?${new URLSearchParams(kept).toString()}`;
}

/** The key of a page request on a site (the site name comes from configuration, never from a header). */
export function pageKeyOf(site: string, url: string, isIgnored: (name: string) => boolean): PageKey {
  const normalized = normalizePageUrl(url, isIgnored);
  return { primary: `${site}\n${normalized}`, site, url: normalized };
}

/**
 * The key of one variant of a page that names `vary` headers: the primary key plus each named request
 * header's value (absent and empty are the same variant). `vary` is sorted and lower-case.
 */
export function variantKeyOf(primary: string, vary: readonly string[], headers: Readonly<Record<string, string | undefined>>): string {
  if (vary.length === 0) return primary;
  return `${primary}\n${vary.map((name) => `${name}=${(headers[name] ?? '').trim()}`).join('\n')}`;
}
