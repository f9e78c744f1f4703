// Tracking parameters (utm_*, gclid, fbclid… CACHE_IGNORE_PARAMS) are removed from the key and from the
// URL the renderer sees; the rest of the query is sorted, so parameter order never splits an entry.
import t from 'tap';
import { createRenderer, type RenderRequest } from '../../ssr/index.js';
import { startCachedGateway } from '../helpers/cached-gateway.js';
import { SITE_ORIGIN } from '../helpers/gateway.js';

t.test('ignored query parameters share one entry and never reach the renderer', async (t) => {
  const real = createRenderer({ siteOrigin: SITE_ORIGIN });
  const seen: string[] = [];
  const render = async (request: RenderRequest) => {
    seen.push(request.url);
    return real(request);
  };
  const gw = await startCachedGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' }, deps: { render } });

  const first = await gw.get('/products/1001?utm_source=news&gclid=abc&fbclid=x');
  t.equal(first.headers.get('cache-status'), 'ssr-offload; fwd=miss; fwd-status=200; ttl=300; stored');
  const second = await gw.get('/products/1001?utm_medium=email');
  t.equal(second.headers.get('cache-status'), 'ssr-offload; hit; ttl=300');
  const bare = await gw.get('/products/1001');
  t.equal(bare.headers.get('cache-status'), 'ssr-offload; hit; ttl=300');

  await gw.get('/category/shoes?sort=price&page=2&utm_campaign=x');
  const reordered = await gw.get('/category/shoes?page=2&sort=price');
  t.equal(reordered.headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'same parameters in another order');
  const other = await gw.get('/category/shoes?page=3&sort=price');
  t.match(other.headers.get('cache-status'), /fwd=miss/, 'a different value is a different page');

  t.same(seen, ['/products/1001', '/category/shoes?page=2&sort=price', '/category/shoes?page=3&sort=price'], 'the renderer saw no tracking parameter, and a stable order');
});

t.test('CACHE_IGNORE_PARAMS replaces the list', async (t) => {
  const gw = await startCachedGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', CACHE_IGNORE_PARAMS: 'ref,src_*' } });
  await gw.get('/products/1001?ref=home&src_a=1');
  t.equal((await gw.get('/products/1001')).headers.get('cache-status'), 'ssr-offload; hit; ttl=300');
  await gw.get('/products/1002?utm_source=x');
  t.match((await gw.get('/products/1002')).headers.get('cache-status'), /fwd=miss/, 'utm_source is part of the key now');
});
