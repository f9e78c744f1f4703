// Two pods hold the same page, both past every window in which they may serve it without rendering; requests
// reach both at once: one pod takes the Redis lock (SET NX PX) and renders, the other waits for the page
// in Redis. FC renders it once for the whole cluster.
import t from 'tap';
import { startCachedGateway, waitForWaiters } from '../helpers/cached-gateway.js';
import { createClock } from '../helpers/clock.js';
import { heldSleep } from '../helpers/held-sleep.js';
import { startRedis } from '../helpers/redis-server.js';

t.test('a page expired on every pod renders once', async (t) => {
  const redis = await startRedis(t);
  const clock = createClock();
  const fcA = heldSleep();
  const fcB = heldSleep();
  const env = { CACHE_REDIS_URL: redis.url };
  const a = await startCachedGateway(t, { env, deps: { now: clock.now }, emulator: { sleep: fcA.sleep } });
  const b = await startCachedGateway(t, { env, deps: { now: clock.now }, emulator: { sleep: fcB.sleep } });
  await Promise.all([a.app.cacheRedis!.ready(), b.app.cacheRedis!.ready()]);

  const first = await a.get('/category/jackets');
  t.equal((await b.get('/category/jackets')).headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'both pods hold it');

  a.fc!.setFaults({ latencyMs: 1 }); // FC calls now wait until released
  b.fc!.setFaults({ latencyMs: 1 });
  clock.advance(300 + 600 + 5); // past stale-while-revalidate on both
  const onA = a.get('/category/jackets');
  const onB = b.get('/category/jackets');
  await Promise.all([waitForWaiters(a, 1), waitForWaiters(b, 1)]);
  await Promise.race([fcA.started, fcB.started]); // one of them is rendering
  fcA.release();
  fcB.release();
  const [pageA, pageB] = await Promise.all([onA, onB]);
  t.same([pageA.status, pageB.status], [200, 200]);
  t.equal(a.fcCalls() + b.fcCalls(), 2, 'the first render, and one re-render for both pods');
  const statuses = [pageA, pageB].map((page) => page.headers.get('cache-status'));
  t.ok(statuses.includes('ssr-offload; fwd=stale; fwd-status=200; ttl=300; stored'), 'one pod rendered');
  t.ok(statuses.includes('ssr-offload; hit; ttl=300; detail=shared'), 'the other took its page from Redis');
  t.equal(pageA.body.length > 0 && pageA.body === pageB.body, true, 'the same page');
  t.not(first.body.length, 0);
});
