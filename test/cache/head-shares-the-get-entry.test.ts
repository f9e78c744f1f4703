// GET and HEAD share one entry (RFC 9110 §9.3.2: HEAD is GET without the body).
import t from 'tap';
import { startCachedGateway } from '../helpers/cached-gateway.js';

t.test('HEAD after GET is a hit, GET after HEAD too', async (t) => {
  const gw = await startCachedGateway(t);
  await gw.get('/products/1060');
  const head = await gw.get('/products/1060', { method: 'HEAD' });
  t.equal(head.status, 200);
  t.equal(head.body, '');
  t.equal(head.headers.get('cache-status'), 'ssr-offload; hit; ttl=300');

  const headFirst = await gw.get('/products/1061', { method: 'HEAD' });
  t.match(headFirst.headers.get('cache-status'), /fwd=miss.*stored/);
  const get = await gw.get('/products/1061');
  t.equal(get.headers.get('cache-status'), 'ssr-offload; hit; ttl=300');
  t.match(get.body, /<html/);
  t.equal(gw.fcCalls(), 2);
});
