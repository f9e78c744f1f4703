// Redis dies mid-test: pages keep coming from L1 and the renderers, never a 5xx, and the failures are
// counted. Redis comes back on the same address: the gateway reconnects and stores pages there again.
import { Redis } from 'ioredis';
import t from 'tap';
import { startCachedGateway } from '../helpers/cached-gateway.js';
import { startRedis } from '../helpers/redis-server.js';

t.test('redis down means L1 only, and redis back is used again', async (t) => {
  const redis = await startRedis(t);
  const gw = await startCachedGateway(t, { env: { CACHE_REDIS_URL: redis.url } });
  await gw.app.cacheRedis!.ready();
  await gw.get('/products/1301');

  await redis.kill();
  const during = [];
  for (const path of ['/products/1301', '/products/1302', '/products/1302', '/category/bags', '/products/1301']) during.push(await gw.get(path));
  t.same(during.map((page) => page.status), [200, 200, 200, 200, 200], 'no 5xx while Redis is gone');
  t.equal(during[0]!.headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'L1 still answers');
  t.match(during[1]!.headers.get('cache-status'), /fwd=miss.*stored/, 'new pages render and go to L1');
  t.equal(during[2]!.headers.get('cache-status'), 'ssr-offload; hit; ttl=300');
  // The error is counted when ioredis's first reconnect attempt is refused, which can come after the five
  // pages above (its retry delay): wait for the count, do not read it once.
  const counted = /ssr_cache_redis_errors_total\{operation="connection"\} [1-9]/;
  let metrics = await (await fetch(`${gw.adminUrl}/metrics`)).text();
  for (let tries = 0; !counted.test(metrics) && tries < 100; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    metrics = await (await fetch(`${gw.adminUrl}/metrics`)).text();
  }
  t.match(metrics, counted, 'the outage is counted');

  await redis.restart();
  await gw.app.cacheRedis!.ready();
  t.equal(gw.app.cacheRedis!.available(), true);
  const after = await gw.get('/products/1303');
  t.equal(after.status, 200);
  await gw.app.renderCache.idle();
  const raw = new Redis(redis.url);
  t.teardown(() => raw.disconnect());
  let stored = await raw.exists('ssr-offload:page:default\n/products/1303');
  while (stored === 0) stored = await raw.exists('ssr-offload:page:default\n/products/1303');
  t.equal(stored, 1, 'the page rendered after the reconnect is in Redis');
});
