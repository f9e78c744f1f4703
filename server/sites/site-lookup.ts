/**
 * `SITES_LOOKUP_URL`: the site of a host no configured site names, asked of an API of yours
 * (`GET {url}?host=<host>` → 200 one site object, or 404 no such site) and cached per host in the manner of
 * lua-resty-mlcache (docs/sources.md#mlcache):
 *
 * - `ttlMs` for a site, `negativeTtlMs` for a 404 (mlcache `ttl`, `neg_ttl`);
 * - concurrent lookups of one host make one API call (the page cache's single flight, mlcache's lock);
 * - when the API fails (5xx, timeout, reset, an answer that is not a valid site for this host) the last
 *   answer is served again (`stale`) for `retryMs` before the API is asked again, for up to `staleMs` past
 *   its expiry (mlcache `resurrect_ttl`, here with an end); with nothing to serve, the lookup throws
 *   SiteLookupError (a 503: the site may exist) and the failure is remembered for `retryMs`, so a dead API
 *   is not asked once per request.
 *
 * An answer must claim the host asked for in its `hosts` (exactly or by wildcard) and may not be the default
 * site: whatever the API returns, it can only ever route the host it was asked about.
 */
import { LRUCache } from 'lru-cache';
import { startDeadline } from '../call-deadline.js';
import { createSingleFlight } from '../cache/single-flight.js';
import { SiteLookupError } from '../errors.js';
import { createHostMatcher, normalizeHost } from './host-match.js';
import type { SiteConfig } from './site-config.js';
import { parseSite, type SiteDefaults } from './sites-file.js';

/** What one lookup was answered from (the `result` label of the lookup metric). */
export type SiteLookupResult = 'hit' | 'miss' | 'negative' | 'stale' | 'error';

export interface SiteLookupOptions {
  /** SITES_LOOKUP_URL, without query (`?host=` is added). */
  readonly url: string;
  readonly ttlMs: number;
  readonly negativeTtlMs: number;
  readonly staleMs: number;
  readonly timeoutMs: number;
  /** What a site answer leaves out (config.sites.defaults). */
  readonly defaults: SiteDefaults;
  /** Wait after a failed call before the API is asked again for that host; default the shorter TTL. */
  readonly retryMs?: number;
  /** Hosts remembered at most (least recently used go first); default 10000. */
  readonly maxEntries?: number;
  /** Largest answer body read; default 256 KiB. */
  readonly maxBodyBytes?: number;
  /** The clock (ms); tests move it through the windows. */
  readonly now?: () => number;
  /** The HTTP client (default: global fetch). */
  readonly request?: typeof fetch;
  /** Every lookup's result, for metrics. */
  readonly onResult?: (result: SiteLookupResult) => void;
  /** Why a call failed (logged by the caller; the page then gets the stale answer or a 503). */
  readonly onError?: (host: string, error: Error) => void;
  /**
   * Site names a lookup answer may not take (the sites of the file): a name labels metrics and cache keys,
   * so a tenant must never share one with a configured site.
   */
  readonly isReservedName?: (name: string) => boolean;
}

export interface SiteLookup {
  /**
   * The site of `host` (a Host header or a normalised host), undefined when the API says there is none.
   * @throws SiteLookupError when the API fails and no earlier answer may be served.
   */
  lookup(host: string): Promise<SiteConfig | undefined>;
  /** Hosts remembered (status pages, tests). */
  readonly size: number;
  /** Abort calls in flight and forget every answer. */
  close(): void;
}

type Answer = { readonly site: SiteConfig | undefined };
/** What one API call gave every request waiting for it: a fresh answer, or the last one again. */
type Outcome = { readonly answer: Answer; readonly stale: boolean };

interface Entry {
  /** The last good answer; undefined site = 404. Undefined answer = only a failure is known. */
  readonly answer: Answer | undefined;
  /** Until when the answer is fresh (or, without one, the failure is believed). */
  readonly expiresAt: number;
  /** After a failed refresh: the stale answer is served without asking until then. */
  readonly retryAt: number;
}

const MAX_BODY_BYTES = 256 * 1024;

async function readBody(response: Response, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body?.getReader();
  if (!reader) return '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel();
      throw new Error(`the answer is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * @example
 * const sites = createSiteLookup({ ...config.sites.lookup, defaults: config.sites.defaults, onResult: metrics.siteLookup });
 * const site = await sites.lookup('tenant-42.example.com'); // undefined: 404 page; throws: 503 page
 */
export function createSiteLookup(options: SiteLookupOptions): SiteLookup {
  const now = options.now ?? Date.now;
  const request = options.request ?? fetch;
  const retryMs = options.retryMs ?? Math.min(options.ttlMs, options.negativeTtlMs);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const entries = new LRUCache<string, Entry>({ max: options.maxEntries ?? 10_000 });
  const closing = new AbortController();
  const calls = createSingleFlight<Outcome>({
    // The call's own deadline ends it first; this only frees a key whose call ignored its signal.
    budgetMs: options.timeoutMs * 2 + 1000,
    onBudgetSpent: (host, ms) => new SiteLookupError(`${host}: no answer within ${ms} ms`),
  });
  const report = (result: SiteLookupResult) => options.onResult?.(result);

  async function ask(host: string, signal: AbortSignal): Promise<Answer> {
    const url = new URL(options.url);
    url.searchParams.set('host', host);
    const deadline = startDeadline(options.timeoutMs, AbortSignal.any([signal, closing.signal]), 'site lookup');
    try {
      const response = await request(url, { signal: deadline.signal, headers: { accept: 'application/json' }, redirect: 'error' });
      const body = await readBody(response, maxBodyBytes);
      if (response.status === 404) return { site: undefined };
      if (response.status !== 200) throw new Error(`the API answered ${response.status}`);
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        throw new Error('the answer is not JSON');
      }
      const site = parseSite(value, `lookup ${host}`, options.defaults);
      if (site.default) throw new Error(`site "${site.name}" is marked default: a lookup answer serves only the hosts it names`);
      if (createHostMatcher([site])(host) !== site) throw new Error(`site "${site.name}" does not claim ${host} in its hosts (${site.hosts.join(', ') || 'none'})`);
      if (options.isReservedName?.(site.name)) throw new Error(`site "${site.name}" has the name of a configured site`);
      return { site };
    } finally {
      deadline.clear();
    }
  }

  /** The last answer for `host` while it may still be served after a failure, else undefined. */
  function staleAnswer(host: string, at: number): Answer | undefined {
    const entry = entries.get(host);
    return entry?.answer && at - entry.expiresAt <= options.staleMs ? entry.answer : undefined;
  }

  /** One API call for `host`, run once however many requests wait for it; it alone writes the entry. */
  async function refresh(host: string, signal: AbortSignal): Promise<Outcome> {
    try {
      const answer = await ask(host, signal);
      entries.set(host, { answer, expiresAt: now() + (answer.site ? options.ttlMs : options.negativeTtlMs), retryAt: 0 });
      return { answer, stale: false };
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      options.onError?.(host, failure);
      const done = now();
      const entry = entries.get(host);
      const stale = staleAnswer(host, done);
      if (stale && entry) {
        // Serve the last answer again; ask no sooner than retryMs, and never past the stale window.
        entries.set(host, { ...entry, retryAt: Math.min(done + retryMs, entry.expiresAt + options.staleMs) });
        return { answer: stale, stale: true };
      }
      entries.set(host, { answer: undefined, expiresAt: done + retryMs, retryAt: 0 });
      throw failure instanceof SiteLookupError ? failure : new SiteLookupError(`${host}: ${failure.message}`, { cause: failure });
    }
  }

  async function lookup(hostHeader: string): Promise<SiteConfig | undefined> {
    const host = normalizeHost(hostHeader);
    if (host === undefined) {
      // Not a host at all: no site, and no API call anyone could aim at it.
      report('negative');
      return undefined;
    }
    if (closing.signal.aborted) {
      report('error');
      throw new SiteLookupError(`${host}: the lookup is closed`);
    }
    const at = now();
    const entry = entries.get(host);
    if (entry && at < entry.expiresAt) {
      if (!entry.answer) {
        report('error');
        throw new SiteLookupError(`${host}: the API failed moments ago and no earlier answer is left`);
      }
      report(entry.answer.site ? 'hit' : 'negative');
      return entry.answer.site;
    }
    const stale = staleAnswer(host, at);
    if (stale && entry && at < entry.retryAt) {
      report('stale');
      return stale.site;
    }
    try {
      const { answer, stale: resurrected } = await calls.run(host, (signal) => refresh(host, signal)).promise;
      report(resurrected ? 'stale' : answer.site ? 'miss' : 'negative');
      return answer.site;
    } catch (error) {
      // The call outlived its budget (refresh itself never rejects while an answer may be served).
      const late = staleAnswer(host, now());
      if (late) {
        report('stale');
        return late.site;
      }
      report('error');
      throw error;
    }
  }

  return {
    lookup,
    get size() {
      return entries.size;
    },
    close() {
      closing.abort(new SiteLookupError('the lookup is closed'));
      entries.clear();
    },
  };
}
