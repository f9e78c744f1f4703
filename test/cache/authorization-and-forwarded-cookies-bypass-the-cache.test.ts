// A request with `authorization` is never answered from the cache nor stored (the page may be personal);
// with FC_FORWARD_COOKIES the same holds for a request that carries a cookie. Others still hit.
import t from 'tap';
import { startCachedGateway } from '../helpers/cached-gateway.js';

t.test('authorization bypasses the cache', async (t) => {
  const gw = await startCachedGateway(t);
  await gw.get('/products/1010');
  const withAuth = await gw.get('/products/1010', { headers: { authorization: 'Bearer abc' } });
  t.equal(withAuth.status, 200);
  t.equal(withAuth.headers.get('x-render-by'), 'fc', 'rendered, not served from the cache');
  t.equal(withAuth.headers.get('cache-status'), 'ssr-offload; fwd=bypass; fwd-status=200');
  t.equal(gw.fcCalls(), 2);
  await gw.get('/products/1011', { headers: { authorization: 'Basic eDp5' } });
  const after = await gw.get('/products/1011');
  t.equal(after.headers.get('cache-status'), 'ssr-offload; fwd=miss; fwd-status=200; ttl=300; stored', 'a bypassed answer was not stored');
});

t.test('a forwarded cookie bypasses the cache; an unforwarded one does not matter', async (t) => {
  const forwarding = await startCachedGateway(t, { env: { FC_FORWARD_COOKIES: 'true' } });
  await forwarding.get('/products/1012');
  const withCookie = await forwarding.get('/products/1012', { headers: { cookie: 'session=1' } });
  t.equal(withCookie.headers.get('cache-status'), 'ssr-offload; fwd=bypass; fwd-status=200');

  const plain = await startCachedGateway(t);
  await plain.get('/products/1012');
  const cookieNotForwarded = await plain.get('/products/1012', { headers: { cookie: 'session=1' } });
  t.equal(cookieNotForwarded.headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'the renderer never sees this cookie, so the page cannot depend on it');
});
