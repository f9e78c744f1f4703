// STALE_CACHE_MB (the old last-good copy, now the cache's stale-if-error window) still sets the cache
// size for one release, with a warning; CACHE_MB wins when both are set. Bad values name the variable.
import t from 'tap';
import { loadConfig } from '../../server/config.js';

const base = { EMULATOR: 'off' };

t.test('defaults', async (t) => {
  const { cache } = loadConfig(base);
  t.equal(cache.l1Bytes, 64 * 1024 * 1024);
  t.equal(cache.redisUrl, undefined);
  t.same(cache.deprecations, []);
  t.ok(cache.ignoreParams.includes('utm_*') && cache.ignoreParams.includes('gclid') && cache.ignoreParams.includes('fbclid'));
});

t.test('STALE_CACHE_MB alone sets the size and warns', async (t) => {
  const { cache } = loadConfig({ ...base, STALE_CACHE_MB: '8' });
  t.equal(cache.l1Bytes, 8 * 1024 * 1024);
  t.match(cache.deprecations[0], /STALE_CACHE_MB is deprecated.*CACHE_MB=8/);
});

t.test('CACHE_MB wins over STALE_CACHE_MB', async (t) => {
  const { cache } = loadConfig({ ...base, STALE_CACHE_MB: '8', CACHE_MB: '0' });
  t.equal(cache.l1Bytes, 0);
  t.match(cache.deprecations[0], /ignored because CACHE_MB is set/);
});

t.test('bad values stop start-up naming the variable', async (t) => {
  t.throws(() => loadConfig({ ...base, CACHE_MB: '-1' }), { code: 'SSR_ERR_CONFIG', message: /CACHE_MB/ });
  t.throws(() => loadConfig({ ...base, CACHE_REDIS_URL: 'http://redis:6379' }), { message: /CACHE_REDIS_URL/ });
  t.throws(() => loadConfig({ ...base, CACHE_REDIS_URL: 'not a url :pass@' }), { message: /CACHE_REDIS_URL must be/ });
  t.throws(() => loadConfig({ ...base, CACHE_IGNORE_PARAMS: 'utm_*,a=b' }), { message: /CACHE_IGNORE_PARAMS/ });
  t.same(loadConfig({ ...base, CACHE_IGNORE_PARAMS: 'none' }).cache.ignoreParams, []);
});
