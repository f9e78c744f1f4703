/**
 * L1: the cache tier inside this process, bounded by bytes (lru-cache's `maxSize` + `sizeCalculation`),
 * least recently used out first. Records past their last window are dropped when read; the byte bound
 * keeps everything else in check, so no sweeper timer is needed.
 * https://github.com/isaacs/node-lru-cache#maxsize
 */
import { LRUCache } from 'lru-cache';
import { recordEnd, recordSize, type CachedPage, type CacheRecord } from './cache-entry.js';

export interface L1Store {
  /** The record under `key`, unless it has outlived every window at `now`. */
  get(key: string, now: number): CacheRecord | undefined;
  set(record: CacheRecord): void;
  delete(key: string): boolean;
  /** Every stored page (for purges by prefix or tag, which are rare operator calls). */
  pages(): IterableIterator<CachedPage>;
  readonly bytes: number;
  readonly entries: number;
}

export function createL1Store({ maxBytes }: { maxBytes: number }): L1Store {
  const lru = new LRUCache<string, CacheRecord>({
    maxSize: maxBytes,
    // One page never takes more than an eighth of the budget: a huge page must not flush everything else.
    maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
    sizeCalculation: (record) => Math.max(1, recordSize(record)),
  });
  return {
    get(key, now) {
      const record = lru.get(key);
      if (record && recordEnd(record) <= now) {
        lru.delete(key);
        return undefined;
      }
      return record;
    },
    set(record) {
      lru.set(record.key, record);
    },
    delete: (key) => lru.delete(key),
    *pages() {
      for (const record of lru.values()) if (record.kind === 'page') yield record;
    },
    get bytes() {
      return lru.calculatedSize;
    },
    get entries() {
      return lru.size;
    },
  };
}
