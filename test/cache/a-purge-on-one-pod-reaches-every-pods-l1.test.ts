// A purge sent to pod A removes the page from Redis and, through Redis pub/sub, from pod B's own L1:
// B renders it again instead of serving its old copy.
import t from 'tap';
import { ADMIN_TOKEN, purge, startCachedGateway, type CachedGateway } from '../helpers/cached-gateway.js';
import { startRedis } from '../helpers/redis-server.js';

async function remotePurgeArrived(gw: CachedGateway, count: number): Promise<void> {
  while (gw.app.renderCache.remotePurges() < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

t.test('a purge on one pod reaches every pod\'s L1', async (t) => {
  const redis = await startRedis(t);
  const env = { CACHE_REDIS_URL: redis.url, ADMIN_TOKEN };
  const a = await startCachedGateway(t, { env });
  const b = await startCachedGateway(t, { env });
  await Promise.all([a.app.cacheRedis!.ready(), b.app.cacheRedis!.ready()]);

  await a.get('/products/1201');
  await a.get('/products/1202');
  t.equal((await b.get('/products/1201')).headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'B holds it in L1 now');
  t.equal((await b.get('/products/1202')).headers.get('cache-status'), 'ssr-offload; hit; ttl=300');

  const answer = await purge(a, { urls: ['/products/1201'], mode: 'invalidate' });
  t.same([answer.status, answer.json], [202, { count: 1, mode: 'invalidate', published: true }]);
  await remotePurgeArrived(b, 1);
  const onB = await b.get('/products/1201');
  t.equal(onB.headers.get('x-render-by'), 'fc', 'B rendered it again');
  t.match(onB.headers.get('cache-status'), /^ssr-offload; fwd=miss/);
  t.equal((await b.get('/products/1202')).headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'the other page stays');

  const expired = await purge(b, { tags: ['product-1202'], mode: 'expire' });
  t.equal(expired.status, 202);
  await remotePurgeArrived(a, 1);
  t.match((await a.get('/products/1202')).headers.get('cache-status'), /detail=stale-while-revalidate/, 'an expire from B marks A\'s copy stale');
});
