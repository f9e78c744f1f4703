// Purge is an operator call: only on the admin listener, 403 while ADMIN_TOKEN is unset, 401 without the
// right bearer token; a refused call purges nothing.
import t from 'tap';
import { ADMIN_TOKEN, purge, startCachedGateway } from '../helpers/cached-gateway.js';

const body = { urls: ['/products/1001'], mode: 'invalidate' };

t.test('no ADMIN_TOKEN configured: 403', async (t) => {
  const gw = await startCachedGateway(t);
  await gw.get('/products/1001');
  const answer = await purge(gw, body, 'anything');
  t.equal(answer.status, 403);
  t.equal((await gw.get('/products/1001')).headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'nothing purged');
});

t.test('with ADMIN_TOKEN: 401 without or with a wrong token, 202 with it; never on the public port', async (t) => {
  const gw = await startCachedGateway(t, { env: { ADMIN_TOKEN } });
  await gw.get('/products/1001');
  t.equal((await purge(gw, body, null)).status, 401);
  t.equal((await purge(gw, body, 'wrong')).status, 401);
  t.equal((await purge(gw, 'not json', null)).status, 401, 'the token is checked before the body is read');
  t.equal((await gw.get('/products/1001')).headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'nothing purged');
  const publicPort = await fetch(`${gw.url}/cache/purge`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  t.equal(publicPort.status, 404, 'the public listener does not know the route');
  t.equal((await purge(gw, body)).status, 202);
});
