/**
 * The render cache: the layer between the page route and the offload policy
 * (request → site → cache → policy → target → answer). Shaped like lua-resty-mlcache: L1 in this
 * process, L2 shared by the pods (optional), L3 the offload policy; one render per key while others wait.
 *
 * - fresh copy → served at once (`hit`);
 * - inside stale-while-revalidate → served at once, and one background refresh goes through the policy;
 * - otherwise the request renders (or joins the render already running for its key); when the policy
 *   throws (no renderer answered, the local queue shed the request, the shared render ran out of budget)
 *   or answers a 5xx, a copy inside its stale-if-error window is served instead of the 503 page.
 * Requests with `authorization` or a forwarded cookie bypass the cache entirely.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ENCODED_BODY, encodeBody, encodedBodyOf, type EncodedRenderResult } from '../encoded-body.js';
import type { RenderRequest, RenderResult } from '../render-contract.js';
import { RenderBudgetError } from '../errors.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { PageAnswer, RenderBy } from '../plugins/pages.js';
import type { RenderCall } from '../offload/render-target.js';
import { expiredCopy, pageResultOf, type CachedPage, type CacheRecord } from './cache-entry.js';
import { ignoredParamTest, pageKeyOf, variantKeyOf, type PageKey } from './cache-key.js';
import { formatCacheStatus, ttlSeconds, type CacheStatus } from './cache-status.js';
import { freshnessState, lifetimeEnd } from './freshness.js';
import type { L1Store } from './l1-store.js';
import { purgeMatches, type PurgeSpec, type SitePurge } from './purge-request.js';
import type { SharedTier } from './shared-tier.js';
import { createSingleFlight } from './single-flight.js';
import { storabilityOf, type NotStoredReason } from './storable-page.js';

/** `ssr_cache_requests_total{result}` and the access log's `cache` field. */
export type CacheResult = 'hit' | 'stale' | 'miss' | 'bypass' | 'revalidated' | 'error';

export interface RenderCacheOptions {
  /** Site name (metrics label, first part of every key); from configuration, never from a header. */
  site: string;
  l1: L1Store | undefined;
  l2: SharedTier | undefined;
  /** The offload policy: renders or throws. */
  policy: (call: RenderCall) => Promise<PageAnswer>;
  ignoreParams: readonly string[];
  /** Request headers a page may name in `vary` (the ones the renderer sees). */
  keyedHeaders: readonly string[];
  /** With FC_FORWARD_COOKIES the renderer sees the cookie: such requests are never cached. */
  forwardCookies: boolean;
  /** Longest a shared render may hold its key. */
  renderBudgetMs: number;
  metrics: GatewayMetrics;
  /** The cache's clock (ms); injectable so tests move through freshness windows without sleeping. */
  now?: () => number;
  /** Told about background refresh failures and L2 fallbacks. */
  onError?: (error: unknown, message: string) => void;
}

export interface CacheCall {
  readonly renderRequest: RenderRequest;
  readonly requestHeaders: IncomingHttpHeaders;
  readonly forwardHeaders: Readonly<Record<string, string>>;
  /** The client's signal: stops this request's wait, never a render others share. */
  readonly signal: AbortSignal;
}

export interface RenderCache {
  answer(call: CacheCall): Promise<PageAnswer>;
  /**
   * A fresh copy in L1, answered at once (no promise, no render call to build), else undefined and
   * `answer` decides (L2, stale windows, renders, bypass). The page route's fast path.
   */
  answerAtOnce(renderRequest: RenderRequest, requestHeaders: IncomingHttpHeaders): PageAnswer | undefined;
  /** Apply a purge here and in L2 (which tells the other pods); the number of entries it touched. */
  purge(spec: PurgeSpec): Promise<{ count: number; published: boolean | undefined }>;
  /** Apply a purge another pod announced, to L1 only. */
  purgeLocally(purge: SitePurge): number;
  /** Purges other pods announced and this pod applied (tests wait on it). */
  remotePurges(): number;
  /** Resolves once no background refresh is running (tests; shutdown). */
  idle(): Promise<void>;
  /** Requests waiting for a render right now (the one that started it included). */
  waiting(): number;
}

/** What one shared render produced. */
type Rendered =
  | { kind: 'rendered'; answer: PageAnswer; page: CachedPage | undefined; notStored: NotStoredReason | undefined }
  | { kind: 'shared'; page: CachedPage };

function hasHeader(headers: IncomingHttpHeaders, name: string): boolean {
  const value = headers[name];
  return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value !== '';
}

function withoutCacheTag(headers: Record<string, string>): Record<string, string> {
  if (!('cache-tag' in headers)) return headers;
  const { 'cache-tag': _tags, ...rest } = headers;
  return rest;
}

export function createRenderCache(options: RenderCacheOptions): RenderCache {
  const { site, l1, l2, metrics } = options;
  const now = options.now ?? Date.now;
  const isIgnored = ignoredParamTest(options.ignoreParams);
  const renders = createSingleFlight<Rendered>({
    budgetMs: options.renderBudgetMs,
    onBudgetSpent: (key, ms) => new RenderBudgetError(key.replace('\n', ' '), ms),
  });
  const background = new Set<Promise<unknown>>();
  let remotePurges = 0;
  const report = options.onError ?? (() => undefined);

  /** The stored page for this request (following a vary marker), L1 first, then L2 (copied into L1). */
  async function lookup(key: PageKey, headers: Record<string, string>, at: number): Promise<CachedPage | undefined> {
    let record: CacheRecord | undefined = l1?.get(key.primary, at);
    let fromL2 = false;
    if (!record && l2) {
      record = await l2.get(key.primary);
      fromL2 = record !== undefined;
    }
    if (record?.kind === 'vary') {
      if (fromL2 && record.until > at) l1?.set(record);
      const variant = variantKeyOf(key.primary, record.vary, headers);
      record = l1?.get(variant, at);
      fromL2 = false;
      if (!record && l2) {
        record = await l2.get(variant);
        fromL2 = record !== undefined;
      }
    }
    if (record?.kind !== 'page' || lifetimeEnd(record) <= at) return undefined;
    if (fromL2) l1?.set(record);
    return record;
  }

  function store(page: CachedPage, vary: readonly string[]): void {
    const ttlMs = lifetimeEnd(page) - now();
    if (vary.length > 0) {
      const previous = l1?.get(page.primary, now());
      const until = Math.max(lifetimeEnd(page), previous?.kind === 'vary' ? previous.until : 0);
      const marker = { kind: 'vary', key: page.primary, vary, until } as const;
      l1?.set(marker);
      l2?.set(marker, until - now());
    }
    l1?.set(page);
    l2?.set(page, ttlMs);
  }

  function forget(key: string): void {
    l1?.delete(key);
  }

  /** Another pod is rendering this key: wait (briefly polling L2) for its page, or for its lock to go. */
  async function awaitOtherPod(flightKey: string, lookupKey: string, newerThan: number, signal: AbortSignal): Promise<CachedPage | undefined> {
    let delay = 10;
    while (!signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      delay = Math.min(delay * 2, 100);
      const record = await l2!.get(lookupKey);
      if (record?.kind === 'page' && record.storedAt > newerThan && freshnessState(record, now()) === 'fresh') return record;
      if (!(await l2!.locked(flightKey))) {
        // The other pod finished without a storable page (or Redis went away): look once more, then render here.
        const last = await l2!.get(lookupKey);
        return last?.kind === 'page' && last.storedAt > newerThan ? last : undefined;
      }
    }
    return undefined;
  }

  /** One render of `key` through the policy (shared by every request for it), stored when the page allows. */
  async function renderAndStore(key: PageKey, lookupKey: string, call: Omit<RenderCall, 'signal'>, stale: CachedPage | undefined, signal: AbortSignal): Promise<Rendered> {
    const newerThan = stale?.storedAt ?? -Infinity;
    let locked = false;
    if (l2) {
      // Another pod may have refreshed it since this pod last looked.
      const shared = await l2.get(lookupKey);
      if (shared?.kind === 'page' && shared.storedAt > newerThan && freshnessState(shared, now()) === 'fresh') {
        l1?.set(shared);
        return { kind: 'shared', page: shared };
      }
      const lock = await l2.lock(lookupKey, options.renderBudgetMs);
      if (lock === 'held') {
        const page = await awaitOtherPod(lookupKey, lookupKey, newerThan, signal);
        if (page) {
          l1?.set(page);
          return { kind: 'shared', page };
        }
      }
      locked = lock === 'acquired';
    }
    try {
      const answer = await options.policy({ ...call, signal });
      const at = now();
      const verdict = storabilityOf(answer.result, { now: at, keyedHeaders: options.keyedHeaders });
      if (!verdict.store) {
        // The page no longer allows caching (it turned private, or is gone for good): drop the old copy.
        if (answer.result.status < 500 && stale) forget(stale.key);
        return { kind: 'rendered', answer, page: undefined, notStored: verdict.reason };
      }
      const page: CachedPage = {
        kind: 'page',
        key: variantKeyOf(key.primary, verdict.vary, call.renderRequest.headers),
        primary: key.primary,
        site: key.site,
        url: key.url,
        status: answer.result.status,
        headers: withoutCacheTag(answer.result.headers),
        body: encodedBodyOf(answer.result) ?? encodeBody(answer.result.html),
        tags: verdict.tags,
        vary: verdict.vary,
        renderedBy: answer.renderBy,
        ...verdict.windows,
      };
      store(page, verdict.vary);
      return { kind: 'rendered', answer, page, notStored: undefined };
    } finally {
      if (locked) l2!.unlock(lookupKey);
    }
  }

  function served(page: CachedPage, at: number, result: CacheResult, status: CacheStatus, started: number, outcome: 'hit' | 'stale-while-revalidate' | 'stale'): PageAnswer {
    const durationMs = performance.now() - started;
    metrics.cacheRequest(site, result);
    metrics.observePage(site, 'cache', outcome, page.status, durationMs / 1000);
    const result_ = pageResultOf(page);
    result_.headers.age = String(Math.max(0, Math.floor((at - page.storedAt) / 1000)));
    result_.headers['cache-status'] = formatCacheStatus(status);
    return {
      result: result_,
      renderBy: 'cache',
      timings: [{ name: 'cache', durationMs, description: result }],
      log: { cache: result, target: 'cache', outcome, renderedBy: page.renderedBy },
    };
  }

  /** @param stored the page as it was just stored: the client gets its bytes, not the string encoded once more. */
  function forwarded(answer: PageAnswer, result: CacheResult, status: CacheStatus, stored?: CachedPage): PageAnswer {
    metrics.cacheRequest(site, result);
    const headers = withoutCacheTag(answer.result.headers);
    const rendered: RenderResult = { ...answer.result, headers: { ...headers, 'cache-status': formatCacheStatus(status) } };
    return {
      ...answer,
      result: stored ? { ...rendered, [ENCODED_BODY]: stored.body } as EncodedRenderResult : rendered,
      log: { ...answer.log, cache: result },
    };
  }

  function refreshInBackground(key: PageKey, lookupKey: string, call: Omit<RenderCall, 'signal'>, stale: CachedPage): void {
    if (renders.has(lookupKey)) return;
    const { promise } = renders.run(lookupKey, (signal) => renderAndStore(key, lookupKey, call, stale, signal));
    const done = promise.then(
      (outcome) => {
        if (outcome.kind === 'rendered' && outcome.answer.result.status >= 500) report(undefined, `background refresh of ${key.url} answered ${outcome.answer.result.status}; the stale copy stays`);
      },
      (error) => report(error, `background refresh of ${key.url} failed; the stale copy stays`),
    ).finally(() => background.delete(done));
    background.add(done);
  }

  async function bypass(call: CacheCall, renderRequest: RenderRequest, started: number): Promise<PageAnswer> {
    try {
      const answer = await options.policy({ renderRequest, forwardHeaders: call.forwardHeaders, signal: call.signal });
      return forwarded(answer, 'bypass', { fwd: 'bypass', fwdStatus: answer.result.status });
    } catch (error) {
      metrics.cacheRequest(site, 'bypass');
      observeNoPage(call.signal, started);
      throw error;
    }
  }

  /** CACHE_MB=0 and no Redis: no cache, so no Cache-Status either; tags still never reach the client. */
  async function uncached(call: CacheCall, renderRequest: RenderRequest, started: number): Promise<PageAnswer> {
    try {
      const answer = await options.policy({ renderRequest, forwardHeaders: call.forwardHeaders, signal: call.signal });
      return { ...answer, result: { ...answer.result, headers: withoutCacheTag(answer.result.headers) } };
    } catch (error) {
      observeNoPage(call.signal, started);
      throw error;
    }
  }

  function observeNoPage(signal: AbortSignal, started: number): void {
    // 499 (client closed request) must not count as a 5xx in the error-ratio alert.
    metrics.observePage(site, 'none', 'error', signal.aborted ? 499 : 503, (performance.now() - started) / 1000);
  }

  function bypasses(requestHeaders: IncomingHttpHeaders): boolean {
    return hasHeader(requestHeaders, 'authorization') || (options.forwardCookies && hasHeader(requestHeaders, 'cookie'));
  }

  function answerAtOnce(renderRequest: RenderRequest, requestHeaders: IncomingHttpHeaders): PageAnswer | undefined {
    if (!l1 || bypasses(requestHeaders)) return undefined;
    const started = performance.now();
    const key = pageKeyOf(site, renderRequest.url, isIgnored);
    const at = now();
    let record = l1.get(key.primary, at);
    if (record?.kind === 'vary') record = l1.get(variantKeyOf(key.primary, record.vary, renderRequest.headers), at);
    if (record?.kind !== 'page' || freshnessState(record, at) !== 'fresh') return undefined;
    return served(record, at, 'hit', { hit: true, ttlSeconds: ttlSeconds(record.freshUntil, at) }, started, 'hit');
  }

  async function answer(call: CacheCall): Promise<PageAnswer> {
    const started = performance.now();
    const key = pageKeyOf(site, call.renderRequest.url, isIgnored);
    // The renderer sees exactly the URL the key was made from (ignored parameters removed).
    const renderRequest: RenderRequest = { ...call.renderRequest, url: key.url };
    if (!l1 && !l2) return uncached(call, renderRequest, started);
    if (bypasses(call.requestHeaders)) return bypass(call, renderRequest, started);
    let at = now();
    const stale = await lookup(key, renderRequest.headers, at);
    if (stale) {
      const state = freshnessState(stale, at);
      if (state === 'fresh') return served(stale, at, 'hit', { hit: true, ttlSeconds: ttlSeconds(stale.freshUntil, at) }, started, 'hit');
      if (state === 'stale-while-revalidate') {
        refreshInBackground(key, stale.key, { renderRequest, forwardHeaders: call.forwardHeaders }, stale);
        return served(stale, at, 'stale', { hit: true, ttlSeconds: ttlSeconds(stale.freshUntil, at), detail: 'stale-while-revalidate' }, started, 'stale-while-revalidate');
      }
    }
    const primaryRecord = l1?.get(key.primary, at);
    const lookupKey = stale?.key
      ?? (primaryRecord?.kind === 'vary' ? variantKeyOf(key.primary, primaryRecord.vary, renderRequest.headers) : key.primary);
    const flightCall = { renderRequest, forwardHeaders: call.forwardHeaders };
    let flight = renders.run(lookupKey, (signal) => renderAndStore(key, lookupKey, flightCall, stale, signal), call.signal);
    let outcome: Rendered;
    try {
      outcome = await flight.promise;
      // A joined render of a page that turned out to vary: another variant's page is not ours.
      const ownKey = outcome.kind === 'rendered' && outcome.page ? variantKeyOf(key.primary, outcome.page.vary, renderRequest.headers) : undefined;
      if (flight.joined && ownKey !== undefined && ownKey !== outcome.page!.key) {
        flight = renders.run(ownKey, (signal) => renderAndStore(key, ownKey, flightCall, stale, signal), call.signal);
        outcome = await flight.promise;
      }
    } catch (error) {
      at = now();
      if (!call.signal.aborted && stale && at < stale.staleIfErrorUntil) {
        return served(stale, at, 'error', { fwd: 'stale', fwdStatus: 503, ttlSeconds: ttlSeconds(stale.freshUntil, at), detail: 'stale-if-error' }, started, 'stale');
      }
      metrics.cacheRequest(site, stale ? 'revalidated' : 'miss');
      observeNoPage(call.signal, started);
      throw error;
    }
    at = now();
    if (outcome.kind === 'shared') {
      return served(outcome.page, at, stale ? 'revalidated' : 'hit', { hit: true, ttlSeconds: ttlSeconds(outcome.page.freshUntil, at), detail: 'shared' }, started, 'hit');
    }
    const status = outcome.answer.result.status;
    if (status >= 500 && stale && at < stale.staleIfErrorUntil) {
      return served(stale, at, 'error', { fwd: 'stale', fwdStatus: status, ttlSeconds: ttlSeconds(stale.freshUntil, at), detail: 'stale-if-error' }, started, 'stale');
    }
    if (flight.joined) metrics.observePage(site, outcome.answer.renderBy as Exclude<RenderBy, 'cache'>, 'collapsed', status, (performance.now() - started) / 1000);
    return forwarded(outcome.answer, stale ? 'revalidated' : 'miss', {
      fwd: stale ? 'stale' : 'miss',
      fwdStatus: status,
      ...(outcome.page ? { ttlSeconds: ttlSeconds(outcome.page.freshUntil, at), stored: true } : {}),
      collapsed: flight.joined,
      ...(outcome.notStored ? { detail: `not-stored-${outcome.notStored}` } : {}),
    }, outcome.page);
  }

  function toSitePurge(spec: PurgeSpec): SitePurge {
    return {
      site,
      mode: spec.mode,
      primaries: spec.urls.map((url) => pageKeyOf(site, url, isIgnored).primary),
      prefixes: spec.prefixes,
      tags: spec.tags,
    };
  }

  function purgeL1(purge: SitePurge): string[] {
    if (!l1) return [];
    const at = now();
    const matched = [...l1.pages()].filter((page) => purgeMatches(purge, page));
    for (const page of matched) {
      if (purge.mode === 'invalidate') l1.delete(page.key);
      else l1.set(expiredCopy(page, at, options.renderBudgetMs));
    }
    return matched.map((page) => page.key);
  }

  return {
    answer,
    answerAtOnce,
    async purge(spec) {
      const purge = toSitePurge(spec);
      const keys = new Set(purgeL1(purge));
      let published: boolean | undefined;
      if (l2) {
        const shared = await l2.purge(purge, now(), options.renderBudgetMs);
        for (const key of shared.keys) keys.add(key);
        published = shared.published;
      }
      metrics.cachePurge(spec.mode);
      return { count: keys.size, published };
    },
    purgeLocally(purge) {
      remotePurges += 1;
      return purge.site === site ? purgeL1(purge).length : 0;
    },
    remotePurges: () => remotePurges,
    waiting: () => renders.waiting,
    async idle() {
      while (background.size > 0) await Promise.allSettled([...background]);
    },
  };
}
