/**
 * Which site a request's `Host` belongs to: exact host name, then the longest `*.suffix` wildcard, then the
 * site marked `default: true`. Case, port and one trailing dot are normalised first, so `Shop.Example.com:443`
 * and `shop.example.com.` are `shop.example.com`. Lookups cost one map probe per label of the host, whatever
 * the number of sites.
 *
 * Host names follow RFC 1123 §2.1 (letters, digits and `-`, labels of 1–63 characters that neither start nor
 * end with `-`, 253 characters in all); IPv6 literals are bracketed as in RFC 3986 §3.2.2.
 */
import { isIPv6 } from 'node:net';
import type { SiteConfig } from './site-config.js';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Whether `name` (already lower-case, no port, no trailing dot) is a valid host name. */
export function isHostName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => LABEL.test(label));
}

/**
 * The host a `Host` header names, lower-cased, without port or trailing dot; `[v6]` for an IPv6 literal.
 * Undefined when there is none or it is not a valid host (whitespace, a path, userinfo, a bad port…).
 * @example normalizeHost('Shop.Example.com:443') // 'shop.example.com'
 */
export function normalizeHost(hostHeader: string | undefined): string | undefined {
  if (hostHeader === undefined || hostHeader === '' || hostHeader.length > 300) return undefined;
  const lower = hostHeader.toLowerCase();
  let host: string;
  let port: string | undefined;
  if (lower.startsWith('[')) {
    const close = lower.indexOf(']');
    if (close < 0) return undefined;
    host = lower.slice(0, close + 1);
    const rest = lower.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return undefined;
    port = rest === '' ? undefined : rest.slice(1);
    if (!isIPv6(host.slice(1, -1))) return undefined;
  } else {
    const colon = lower.indexOf(':');
    host = colon < 0 ? lower : lower.slice(0, colon);
    port = colon < 0 ? undefined : lower.slice(colon + 1);
    if (host.endsWith('.')) host = host.slice(0, -1);
    if (!isHostName(host)) return undefined;
  }
  // RFC 3986 §3.2.3: the port may be empty ("example.com:").
  if (port !== undefined && port !== '' && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) return undefined;
  return host;
}

/**
 * A function from a `Host` header to its site (undefined: no site claims it and there is no default).
 * A missing or invalid `Host` gets the default site, like any host no site names.
 * @example
 * const siteOf = createHostMatcher(config.sites.initial.sites);
 * siteOf('Shop.Example.com:443')?.name // 'shop'
 */
export function createHostMatcher(sites: readonly SiteConfig[]): (host: string | undefined) => SiteConfig | undefined {
  const exact = new Map<string, SiteConfig>();
  const wildcard = new Map<string, SiteConfig>();
  let fallback: SiteConfig | undefined;
  for (const site of sites) {
    if (site.default && !fallback) fallback = site;
    for (const host of site.hosts) {
      // The sites file refuses a host claimed twice; should a caller still pass one, the first site keeps it.
      if (host.startsWith('*.')) {
        if (!wildcard.has(host.slice(2))) wildcard.set(host.slice(2), site);
      } else if (!exact.has(host)) {
        exact.set(host, site);
      }
    }
  }
  return (hostHeader) => {
    const host = normalizeHost(hostHeader);
    if (host === undefined) return fallback;
    const named = exact.get(host);
    if (named) return named;
    if (!host.startsWith('[')) {
      // Proper suffixes, longest first: a.b.example.com tries b.example.com, then example.com, then com.
      for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
        const site = wildcard.get(host.slice(dot + 1));
        if (site) return site;
      }
    }
    return fallback;
  };
}
