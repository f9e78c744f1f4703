/**
 * What the render cache needs from a tier shared by every gateway pod (L2; `redis-tier.ts` is the one
 * implementation). Every method degrades instead of failing: a tier that is down or slow answers
 * "miss" / "unavailable" within its deadline, so a page never waits on it for long and never fails for it.
 */
import type { CacheRecord } from './cache-entry.js';
import type { SitePurge } from './purge-request.js';

export type LockResult = 'acquired' | 'held' | 'unavailable';

export interface SharedTier {
  /** The record under `key`, or undefined (missing, unreadable, or the tier is unavailable). */
  get(key: string): Promise<CacheRecord | undefined>;
  /** Store a record until `expiresAt` (the cache's clock); fire and forget. */
  set(record: CacheRecord, ttlMs: number): void;
  /** Claim the render of `key` for `ms` across pods (`SET NX PX`). */
  lock(key: string, ms: number): Promise<LockResult>;
  /** Whether some pod still holds the render of `key`. */
  locked(key: string): Promise<boolean>;
  unlock(key: string): void;
  /** Apply a purge to the shared records and tell every pod's L1; the keys it touched. */
  purge(purge: SitePurge, now: number, graceMs: number): Promise<{ keys: string[]; published: boolean }>;
  close(): Promise<void>;
}
