/**
 * How long a stored page may be served, from its own headers: freshness from `s-maxage` over `max-age`
 * (RFC 9111 §4.2.1, we are a shared cache), minus any `Age` it arrived with, then the two RFC 5861
 * windows after it: `stale-while-revalidate` (serve the old page at once and refresh it in the background)
 * and `stale-if-error` (serve it only when no renderer can produce the page).
 * https://www.rfc-editor.org/rfc/rfc9111#section-4.2 · https://www.rfc-editor.org/rfc/rfc5861
 */
import { deltaSeconds, type Directives } from './cache-control.js';

/** Absolute times (ms, the cache's clock) that bound what a stored page may be used for. */
export interface FreshnessWindows {
  readonly storedAt: number;
  /** Served as a hit before this. */
  readonly freshUntil: number;
  /** Served stale while one background refresh runs, before this. */
  readonly staleWhileRevalidateUntil: number;
  /** Served when every renderer fails, before this. */
  readonly staleIfErrorUntil: number;
}

/** Where a stored page stands at a given time. */
export type FreshnessState = 'fresh' | 'stale-while-revalidate' | 'stale-if-error' | 'dead';

/**
 * The windows of a page stored at `now`, or undefined when it gives no explicit lifetime (no heuristic
 * freshness: a gateway cannot know how long a page without one stays right).
 *
 * `must-revalidate` and `proxy-revalidate` forbid serving it stale (RFC 9111 §5.2.2.2, §5.2.2.8). RFC 9111
 * §5.2.2.10 also gives `s-maxage` proxy-revalidate semantics, but a page that names its own
 * `stale-while-revalidate`/`stale-if-error` windows explicitly permits them (RFC 9111 §4.2.4 allows stale
 * responses "explicitly permitted ... by extension directives such as those defined in RFC 5861"), which is
 * how CDNs read the same header.
 */
export function freshnessWindows(directives: Directives, ageHeader: string | undefined, now: number): FreshnessWindows | undefined {
  const lifetime = deltaSeconds(directives, 's-maxage') ?? deltaSeconds(directives, 'max-age');
  if (lifetime === undefined) return undefined;
  const age = ageHeader && /^\d+$/.test(ageHeader.trim()) ? Number(ageHeader.trim()) : 0;
  const freshUntil = now + Math.max(0, lifetime - age) * 1000;
  const mayServeStale = !directives.has('must-revalidate') && !directives.has('proxy-revalidate');
  const swr = mayServeStale ? deltaSeconds(directives, 'stale-while-revalidate') ?? 0 : 0;
  const sie = mayServeStale ? deltaSeconds(directives, 'stale-if-error') ?? 0 : 0;
  return {
    storedAt: now,
    freshUntil,
    staleWhileRevalidateUntil: freshUntil + swr * 1000,
    staleIfErrorUntil: freshUntil + sie * 1000,
  };
}

/** Fresh, inside one of the stale windows (stale-while-revalidate wins where both apply), or dead. */
export function freshnessState(windows: FreshnessWindows, now: number): FreshnessState {
  if (now < windows.freshUntil) return 'fresh';
  if (now < windows.staleWhileRevalidateUntil) return 'stale-while-revalidate';
  if (now < windows.staleIfErrorUntil) return 'stale-if-error';
  return 'dead';
}

/** The last moment a page is of any use: past it, the entry can go. */
export function lifetimeEnd(windows: FreshnessWindows): number {
  return Math.max(windows.freshUntil, windows.staleWhileRevalidateUntil, windows.staleIfErrorUntil);
}
