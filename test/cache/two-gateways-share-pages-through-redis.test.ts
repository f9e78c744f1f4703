// Two gateway pods on one Redis (CACHE_REDIS_URL): a page rendered on A is a hit on B, whose L1 was
// empty — a pod that starts reads through L2 instead of rendering again.
import t from 'tap';
import { startCachedGateway } from '../helpers/cached-gateway.js';
import { startRedis } from '../helpers/redis-server.js';

t.test('two gateways share pages through Redis', async (t) => {
  const redis = await startRedis(t);
  const a = await startCachedGateway(t, { env: { CACHE_REDIS_URL: redis.url } });
  const b = await startCachedGateway(t, { env: { CACHE_REDIS_URL: redis.url } });
  await Promise.all([a.app.cacheRedis!.ready(), b.app.cacheRedis!.ready()]);

  const onA = await a.get('/products/1101');
  t.equal(onA.headers.get('x-render-by'), 'fc');
  t.match(onA.headers.get('cache-status'), /stored/);
  await a.app.renderCache.idle();

  // A sent its SET before it answered, so Redis has it by the time B asks.
  const onB = await b.get('/products/1101');
  t.equal(onB.headers.get('x-render-by'), 'cache', 'B answers from the shared tier');
  t.equal(onB.headers.get('cache-status'), 'ssr-offload; hit; ttl=300');
  t.equal(onB.body, onA.body);
  t.equal(b.fcCalls(), 0, 'B never called FC');
  t.equal(a.fcCalls(), 1);

  const again = await b.get('/products/1101');
  t.equal(again.headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'and keeps it in its own L1');
});
