/**
 * The gateway's routes: which built site serves a Host. Sites from the sites file (or the single site from
 * the environment) are matched first, exact host before the longest wildcard; then, with SITES_LOOKUP_URL,
 * the lookup API is asked; then the site marked `default`. A host nothing claims is `undefined`: the caller
 * answers 404 without calling anything.
 *
 * `replace()` swaps every route in one assignment: a request already past `resolve()` finishes on the site
 * it got (its targets are closed only after their calls finish), and the next request sees the new routes.
 * Sites and targets whose configuration did not change are carried over as they are (breaker state, health
 * state, learned hedge delay, connections).
 */
import { isDeepStrictEqual } from 'node:util';
import type { ChainMember } from './target-chain.js';
import type { BuiltSite } from './build-site.js';
import { createHostMatcher, normalizeHost } from './host-match.js';
import type { SiteConfig, SitesConfig } from './site-config.js';

export interface SiteRegistryOptions {
  /** Builds one site (build-site.ts), reusing what `previous` has that did not change. */
  build: (site: SiteConfig, previous: BuiltSite | undefined) => BuiltSite;
  /** SITES_LOOKUP_URL: the site for a host no configured site claims (undefined = no such site). */
  lookup?: ((host: string) => Promise<SiteConfig | undefined>) | undefined;
  /** Sites built from lookup answers kept at most (the least recently built is retired past it). */
  maxLookupSites?: number;
  onRetireError?: (error: unknown) => void;
}

export interface SiteRegistry {
  /**
   * The site for a `Host` header. Synchronous unless the lookup API must be asked.
   * @throws (through the promise) SiteLookupError when the lookup API failed and nothing is kept.
   */
  resolve(hostHeader: string | undefined): BuiltSite | undefined | Promise<BuiltSite | undefined>;
  /** Every site built right now (configured first, then looked-up ones). */
  sites(): readonly BuiltSite[];
  find(name: string): BuiltSite | undefined;
  /** A site of that name is configured (the sites file or the environment), not looked up. */
  configured(name: string): boolean;
  /** Replace the configured sites at once; `unchanged` when `next` equals what is running. */
  replace(next: SitesConfig): 'applied' | 'unchanged';
  /** Where the running routes came from (file path or `environment`). */
  source(): string;
  close(): Promise<void>;
}

interface Routes {
  readonly config: SitesConfig;
  readonly byName: ReadonlyMap<string, BuiltSite>;
  /** Configured sites by host (exact, then wildcard); the default site is matched separately. */
  readonly match: (host: string | undefined) => SiteConfig | undefined;
  readonly fallbackSite: BuiltSite | undefined;
  /** Set when one site serves every host (no hosts listed, no lookup): resolve() returns it without parsing Host. */
  readonly onlySite: BuiltSite | undefined;
}

export function createSiteRegistry(initial: SitesConfig, options: SiteRegistryOptions): SiteRegistry {
  const maxLookupSites = options.maxLookupSites ?? 1000;
  const retiring = new Set<Promise<void>>();
  /** Sites built from lookup answers, in build order (oldest first). */
  const lookedUp = new Map<string, BuiltSite>();

  function retire(site: BuiltSite, kept?: ReadonlySet<ChainMember>): void {
    const done = site.retire(kept).catch((error: unknown) => options.onRetireError?.(error)).finally(() => retiring.delete(done));
    retiring.add(done);
  }

  function routesOf(config: SitesConfig, previous: Routes | undefined): Routes {
    const byName = new Map<string, BuiltSite>();
    for (const site of config.sites) {
      const old = previous?.byName.get(site.name);
      byName.set(site.name, old && isDeepStrictEqual(old.config, site) ? old : options.build(site, old));
    }
    // The default is tried only after the lookup API: matched here without it.
    const match = createHostMatcher(config.sites.map((site) => (site.default ? { ...site, default: false } : site)));
    const defaultSite = config.sites.find((site) => site.default);
    const fallbackSite = defaultSite && byName.get(defaultSite.name);
    const onlySite = config.sites.length === 1 && config.sites[0]!.hosts.length === 0 && !options.lookup ? fallbackSite : undefined;
    return { config, byName, match, fallbackSite, onlySite };
  }

  let routes = routesOf(initial, undefined);

  /** Retire what `previous` had that `next` does not use any more. */
  function retireReplaced(previous: Routes, next: Routes): void {
    for (const [name, old] of previous.byName) {
      const successor = next.byName.get(name);
      if (successor === old) continue;
      retire(old, new Set(successor?.members ?? []));
    }
  }

  async function viaLookup(host: string, lookup: (host: string) => Promise<SiteConfig | undefined>): Promise<BuiltSite | undefined> {
    const site = await lookup(host);
    if (!site) return routes.fallbackSite;
    // A configured site of the same name wins: a lookup answer never replaces the file's routes.
    const configured = routes.byName.get(site.name);
    if (configured) return configured;
    const old = lookedUp.get(site.name);
    if (old && isDeepStrictEqual(old.config, site)) return old;
    const built = options.build(site, old);
    lookedUp.delete(site.name);
    lookedUp.set(site.name, built);
    if (old) retire(old, new Set(built.members));
    if (lookedUp.size > maxLookupSites) {
      const [oldestName, oldest] = lookedUp.entries().next().value as [string, BuiltSite];
      lookedUp.delete(oldestName);
      retire(oldest);
    }
    return built;
  }

  return {
    resolve(hostHeader) {
      const current = routes;
      // One site for every host (no SITES_FILE, or a file with one default site and no hosts): no parsing.
      if (current.onlySite) return current.onlySite;
      const configured = current.match(hostHeader);
      if (configured) return current.byName.get(configured.name);
      const host = normalizeHost(hostHeader);
      if (host !== undefined && options.lookup) return viaLookup(host, options.lookup);
      return current.fallbackSite;
    },
    sites: () => [...routes.byName.values(), ...lookedUp.values()],
    find: (name) => routes.byName.get(name) ?? lookedUp.get(name),
    configured: (name) => routes.byName.has(name),
    replace(next) {
      if (isDeepStrictEqual(next.sites, routes.config.sites)) return 'unchanged';
      const previous = routes;
      routes = routesOf(next, previous);
      retireReplaced(previous, routes);
      return 'applied';
    },
    source: () => routes.config.source,
    async close() {
      for (const site of [...routes.byName.values(), ...lookedUp.values()]) retire(site);
      lookedUp.clear();
      await Promise.all([...retiring]);
    },
  };
}
