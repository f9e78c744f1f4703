// POST /cache/purge (admin listener): by URL, prefix or tag; `invalidate` removes the entries (the next
// request renders), `expire` marks them stale (the next request gets the old page at once and one
// refresh runs). 202 with the number of entries touched; pages not named keep being hits.
import t, { type Test } from 'tap';
import { ADMIN_TOKEN, purge, startCachedGateway, type CachedGateway } from '../helpers/cached-gateway.js';

const PAGES = ['/products/1001', '/products/1002', '/category/shoes', '/category/bags', '/category/shoes?page=2'];

async function warm(t: Test): Promise<CachedGateway> {
  const gw = await startCachedGateway(t, { env: { ADMIN_TOKEN } });
  for (const page of PAGES) await gw.get(page);
  return gw;
}

const statusOf = async (gw: CachedGateway, path: string) => (await gw.get(path)).headers.get('cache-status');

t.test('invalidate by URL (any spelling of it, ignored parameters included)', async (t) => {
  const gw = await warm(t);
  const answer = await purge(gw, { urls: ['https://shop.example.com/products/1001?utm_source=mail'], mode: 'invalidate' });
  t.same([answer.status, answer.json], [202, { count: 1, mode: 'invalidate' }]);
  t.match(await statusOf(gw, '/products/1001'), /^ssr-offload; fwd=miss/, 'gone: rendered again');
  t.equal(await statusOf(gw, '/products/1002'), 'ssr-offload; hit; ttl=300', 'others untouched');
});

t.test('invalidate by prefix', async (t) => {
  const gw = await warm(t);
  const answer = await purge(gw, { prefixes: ['/category/'], mode: 'invalidate' });
  t.same([answer.status, answer.json.count], [202, 3]);
  for (const page of ['/category/shoes', '/category/bags', '/category/shoes?page=2']) t.match(await statusOf(gw, page), /fwd=miss/, page);
  t.equal(await statusOf(gw, '/products/1001'), 'ssr-offload; hit; ttl=300');
});

t.test('expire by tag: the next reader gets the old page and one refresh starts', async (t) => {
  const gw = await warm(t);
  const before = gw.fcCalls();
  const answer = await purge(gw, { tags: ['category-shoes'], mode: 'expire' });
  t.same([answer.status, answer.json.count], [202, 2], 'both shoes pages carry the tag');
  const stale = await gw.get('/category/shoes');
  t.equal(stale.headers.get('x-render-by'), 'cache');
  t.match(stale.headers.get('cache-status'), /^ssr-offload; hit; ttl=-?0; detail=stale-while-revalidate$/);
  await gw.app.renderCache.idle();
  t.equal(gw.fcCalls(), before + 1, 'one refresh');
  t.equal(await statusOf(gw, '/category/shoes'), 'ssr-offload; hit; ttl=300', 'fresh again');
  t.equal(await statusOf(gw, '/category/bags'), 'ssr-offload; hit; ttl=300', 'untagged page untouched');
  t.equal((await gw.get('/category/shoes')).headers.get('cache-tag'), null, 'tags never reach the client');
});

t.test('invalidate by tag and expire by prefix, counted in metrics', async (t) => {
  const gw = await warm(t);
  t.equal((await purge(gw, { tags: ['product-1002', 'no-such-tag'], mode: 'invalidate' })).json.count, 1);
  t.match(await statusOf(gw, '/products/1002'), /fwd=miss/);
  t.equal((await purge(gw, { prefixes: ['/products/'], mode: 'expire' })).json.count, 2);
  t.match(await statusOf(gw, '/products/1001'), /detail=stale-while-revalidate/);
  const metrics = await (await fetch(`${gw.adminUrl}/metrics`)).text();
  t.match(metrics, /ssr_cache_purges_total\{mode="invalidate"\} 1/);
  t.match(metrics, /ssr_cache_purges_total\{mode="expire"\} 1/);
});
