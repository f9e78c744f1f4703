// Past stale-while-revalidate the old copy is not served while it refreshes: the request waits for a new
// render (Cache-Status fwd=stale), which replaces it. Past every window the entry is gone (fwd=miss).
import t from 'tap';
import { startCachedGateway } from '../helpers/cached-gateway.js';

t.test('expired page is rendered again', async (t) => {
  const gw = await startCachedGateway(t);
  await gw.get('/products/1002');

  gw.clock.advance(300 + 600 + 1);
  const expired = await gw.get('/products/1002');
  t.equal(expired.status, 200);
  t.equal(expired.headers.get('x-render-by'), 'fc');
  t.equal(expired.headers.get('cache-status'), 'ssr-offload; fwd=stale; fwd-status=200; ttl=300; stored');
  t.equal(gw.fcCalls(), 2);

  gw.clock.advance(300 + 86_400 + 1);
  const gone = await gw.get('/products/1002');
  t.equal(gone.headers.get('cache-status'), 'ssr-offload; fwd=miss; fwd-status=200; ttl=300; stored');
  t.equal(gw.fcCalls(), 3);
});
