/**
 * L2: Redis shared by every gateway pod (ioredis 5: it reconnects on its own, re-subscribes after a
 * reconnect, and can fail commands at once while disconnected instead of queueing them — the three
 * things a cache tier that must never stall a page needs; https://github.com/redis/ioredis#readme).
 *
 * - Every command has a short deadline (`CACHE_REDIS_TIMEOUT_MS`, ioredis `commandTimeout`); while the
 *   connection is not ready, or after a run of failures (its own small breaker), Redis is skipped
 *   entirely and the cache works from L1 and the renderers: a slow or dead Redis costs a page at most
 *   one deadline, never a 5xx.
 * - Cross-pod coalescing: `SET lock NX PX` (https://redis.io/docs/latest/commands/set/) claims one
 *   render of a key for all pods; the lock is released only by its owner (compare-and-delete script).
 * - Purges are applied to the shared records, then published on one channel; every pod applies them to
 *   its own L1 (https://redis.io/docs/latest/develop/interact/pubsub/).
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Redis, RedisOptions } from 'ioredis';
import type { RedisOperation } from '../gateway-metrics.js';
import { expiredCopy, parseRecord, recordJson, type CacheRecord } from './cache-entry.js';
import type { SitePurge } from './purge-request.js';
import type { LockResult, SharedTier } from './shared-tier.js';

export interface RedisTierOptions {
  url: string;
  /** Namespace of every key and the purge channel. */
  prefix: string;
  /** Deadline for one command. */
  timeoutMs: number;
  redisError: (operation: RedisOperation) => void;
  /** A purge another pod published (already applied to the shared records). */
  onPurge: (purge: SitePurge) => void;
  /** State changes (connected, lost, breaker open) for the log; never the URL (it may hold a password). */
  onEvent?: (level: 'info' | 'warn', message: string, error?: unknown) => void;
  /** Failures in a row after which Redis is skipped for `resetMs` (default 3 and 5000 ms). */
  breaker?: { failures: number; resetMs: number };
}

export interface RedisTier extends SharedTier {
  /** Whether commands are sent right now (connected and the breaker closed). */
  available(): boolean;
  /** Resolves once both connections are ready (tests, start-up logs). */
  ready(): Promise<void>;
}

// Store a record and index its tags; a tag set lives as long as its longest member (no PEXPIRE GT: Redis < 7).
const STORE = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
for i = 3, #ARGV do
  redis.call('SADD', ARGV[i], KEYS[1])
  if redis.call('PTTL', ARGV[i]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', ARGV[i], ARGV[2]) end
end
return 1`;
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Escape Redis glob characters (https://redis.io/docs/latest/commands/keys/) in a literal key part. */
function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

export function createRedisTier(options: RedisTierOptions): RedisTier {
  const podId = randomUUID();
  const { prefix } = options;
  const pageKey = (key: string) => `${prefix}page:${key}`;
  const lockKey = (key: string) => `${prefix}lock:${key}`;
  const tagKey = (site: string, tag: string) => `${prefix}tag:${site}\n${tag}`;
  const channel = `${prefix}purge`;
  const breaker = options.breaker ?? { failures: 3, resetMs: 5000 };
  const event = options.onEvent ?? (() => undefined);

  // Loaded here, not at import: a gateway without CACHE_REDIS_URL never holds ioredis (1.9 MB of heap that
  // V8's marking threads would walk at every full collection; docs/benchmarks.md, "Instructions per page").
  const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  const common: RedisOptions = {
    connectTimeout: Math.max(1000, options.timeoutMs * 10),
    // Reconnect forever, backing off to 1 s: Redis coming back is used again without a restart.
    retryStrategy: (times) => Math.min(1000, 50 * 2 ** Math.min(times, 5)),
    lazyConnect: false,
  };
  const client = new RedisClient(options.url, {
    ...common,
    commandTimeout: options.timeoutMs,
    // While disconnected, fail at once rather than queue: a page must not wait for a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
  });
  // The subscriber may queue its SUBSCRIBE until connected; ioredis re-subscribes after reconnects.
  const subscriber = new RedisClient(options.url, { ...common, autoResubscribe: true, maxRetriesPerRequest: null });

  let failures = 0;
  let skipUntil = 0;
  let lost = false;
  const locks = new Map<string, string>();

  client.on('ready', () => {
    failures = 0;
    skipUntil = 0;
    if (lost) event('info', 'Redis cache tier (L2) is back: reading and writing it again');
    lost = false;
  });
  client.on('error', (error) => {
    options.redisError('connection');
    if (!lost) event('warn', 'Redis cache tier (L2) unreachable: serving from L1 and the renderers', error);
    lost = true;
  });
  subscriber.on('error', () => undefined); // reported through the main connection
  subscriber.on('message', (from, text: string) => {
    if (from !== channel) return;
    try {
      const message = JSON.parse(text) as { pod: string; purge: SitePurge };
      if (message.pod !== podId) options.onPurge(message.purge);
    } catch (error) {
      event('warn', 'ignored a malformed purge message on the Redis channel', error);
    }
  });
  subscriber.subscribe(channel).catch((error) => event('warn', 'could not subscribe to the purge channel (will retry on reconnect)', error));

  function available(): boolean {
    return client.status === 'ready' && Date.now() >= skipUntil;
  }

  /** Run one command if Redis is usable; undefined when it is not, or when the command failed. */
  async function attempt<T>(operation: RedisOperation, command: () => Promise<T>): Promise<T | undefined> {
    if (!available()) return undefined;
    try {
      const value = await command();
      failures = 0;
      return value;
    } catch (error) {
      options.redisError(operation);
      failures += 1;
      if (failures >= breaker.failures) {
        failures = 0;
        skipUntil = Date.now() + breaker.resetMs;
        event('warn', `Redis cache tier (L2): ${breaker.failures} failures in a row, skipped for ${breaker.resetMs} ms`, error);
      }
      return undefined;
    }
  }

  async function keysOf(purge: SitePurge): Promise<string[]> {
    const keys = new Set<string>();
    const scan = async (pattern: string) => {
      let cursor = '0';
      do {
        const [next, found] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        for (const key of found) keys.add(key);
      } while (cursor !== '0');
    };
    for (const primary of purge.primaries) {
      keys.add(pageKey(primary));
      await scan(`${globLiteral(pageKey(primary))}\n*`); // the variants of a page that varies
    }
    for (const path of purge.prefixes) await scan(`${globLiteral(pageKey(`${purge.site}\n${path}`))}*`);
    for (const tag of purge.tags) for (const key of await client.smembers(tagKey(purge.site, tag))) keys.add(key);
    return [...keys];
  }

  return {
    available,
    async get(key) {
      const text = await attempt('get', () => client.get(pageKey(key)));
      return text ? parseRecord(text) : undefined;
    },
    set(record: CacheRecord, ttlMs: number) {
      const ttl = Math.ceil(ttlMs);
      if (ttl <= 0) return;
      const tags = record.kind === 'page' ? record.tags.map((tag) => tagKey(record.site, tag)) : [];
      void attempt('set', () => client.eval(STORE, 1, pageKey(record.key), recordJson(record), String(ttl), ...tags));
    },
    async lock(key, ms): Promise<LockResult> {
      const token = `${podId}:${randomUUID()}`;
      const answer = await attempt('lock', () => client.set(lockKey(key), token, 'PX', Math.ceil(ms), 'NX'));
      if (answer === undefined) return 'unavailable';
      if (answer !== 'OK') return 'held';
      locks.set(key, token);
      return 'acquired';
    },
    async locked(key) {
      return (await attempt('lock', () => client.exists(lockKey(key)))) === 1;
    },
    unlock(key) {
      const token = locks.get(key);
      if (!token) return;
      locks.delete(key);
      void attempt('lock', () => client.eval(UNLOCK, 1, lockKey(key), token));
    },
    async purge(purge, now, graceMs) {
      if (!available()) {
        options.redisError('purge');
        return { keys: [], published: false };
      }
      let keys: string[] = [];
      try {
        keys = await keysOf(purge);
        const touched: string[] = [];
        for (const key of keys) {
          if (purge.mode === 'invalidate') {
            if ((await client.del(key)) > 0) touched.push(key);
            continue;
          }
          const record = parseRecord(await client.get(key));
          if (record?.kind !== 'page') continue;
          await client.set(key, recordJson(expiredCopy(record, now, graceMs)), 'KEEPTTL');
          touched.push(key);
        }
        keys = touched.map((key) => key.slice(`${prefix}page:`.length));
      } catch (error) {
        options.redisError('purge');
        event('warn', 'purge could not finish in Redis', error);
      }
      const published = (await attempt('publish', () => client.publish(channel, JSON.stringify({ pod: podId, purge })))) !== undefined;
      return { keys, published };
    },
    async ready() {
      const once = (connection: Redis) => connection.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => connection.once('ready', () => resolve()));
      await Promise.all([once(client), once(subscriber)]);
    },
    async close() {
      await Promise.all([client, subscriber].map(async (connection) => {
        try {
          await Promise.race([connection.quit(), new Promise((resolve) => setTimeout(resolve, 500).unref())]);
        } catch {
          // already gone
        }
        connection.disconnect();
      }));
    },
  };
}
