// A 301 (public, max-age=3600) and a 404 with explicit freshness (public, max-age=60) are stored for
// their own lifetime, with their status and location.
import t from 'tap';
import { startCachedGateway } from '../helpers/cached-gateway.js';

t.test('redirects and not-found pages are cached for their lifetime', async (t) => {
  const gw = await startCachedGateway(t);
  await gw.get('/item/1001', { redirect: 'manual' });
  const redirect = await gw.get('/item/1001', { redirect: 'manual' });
  t.equal(redirect.status, 301);
  t.equal(redirect.headers.get('location'), '/products/1001');
  t.equal(redirect.headers.get('cache-status'), 'ssr-offload; hit; ttl=3600');

  await gw.get('/no-such-page');
  const notFound = await gw.get('/no-such-page');
  t.equal(notFound.status, 404);
  t.equal(notFound.headers.get('cache-status'), 'ssr-offload; hit; ttl=60');
  gw.clock.advance(61);
  t.match((await gw.get('/no-such-page')).headers.get('cache-status'), /fwd=miss/, 'no stale window: rendered again');
  t.equal(gw.fcCalls(), 3);
});
