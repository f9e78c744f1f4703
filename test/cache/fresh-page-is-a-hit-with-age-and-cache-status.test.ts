// The first request renders on FC and stores the page; later ones inside s-maxage are hits: no FC call,
// x-render-by: cache, Age counting up, Cache-Status with the freshness left.
import t from 'tap';
import { startCachedGateway } from '../helpers/cached-gateway.js';

t.test('fresh page is a hit with age and cache status', async (t) => {
  const gw = await startCachedGateway(t);

  const first = await gw.get('/products/1001');
  t.equal(first.status, 200);
  t.equal(first.headers.get('x-render-by'), 'fc');
  t.equal(first.headers.get('cache-status'), 'ssr-offload; fwd=miss; fwd-status=200; ttl=300; stored');
  t.equal(first.headers.get('age'), null, 'a fresh render has no Age');

  const hit = await gw.get('/products/1001');
  t.equal(hit.status, 200);
  t.equal(hit.headers.get('x-render-by'), 'cache');
  t.equal(hit.headers.get('cache-status'), 'ssr-offload; hit; ttl=300');
  t.equal(hit.headers.get('age'), '0');
  t.equal(hit.body, first.body, 'the same page');
  t.equal(hit.headers.get('content-type'), first.headers.get('content-type'));
  t.equal(hit.headers.get('cache-control'), first.headers.get('cache-control'), 'the page keeps its own cache-control');
  t.match(hit.headers.get('server-timing'), /^cache;dur=[\d.]+;desc="hit"$/);

  gw.clock.advance(42);
  const later = await gw.get('/products/1001');
  t.equal(later.headers.get('age'), '42');
  t.equal(later.headers.get('cache-status'), 'ssr-offload; hit; ttl=258');
  t.equal(gw.fcCalls(), 1, 'FC rendered the page once');
});
