// A purge body the cache cannot use gets 400 with the field that is wrong, and purges nothing.
import t from 'tap';
import { ADMIN_TOKEN, purge, startCachedGateway } from '../helpers/cached-gateway.js';

const BAD: Array<[unknown, string]> = [
  ['{not json', 'body'],
  [[], 'body'],
  [{ urls: ['/products/1001'] }, 'mode'],
  [{ urls: ['/products/1001'], mode: 'delete' }, 'mode'],
  [{ mode: 'expire' }, 'urls'],
  [{ urls: '/products/1001', mode: 'expire' }, 'urls'],
  [{ urls: ['/ok', 42], mode: 'expire' }, 'urls[1]'],
  [{ urls: ['javascript:alert(1)'], mode: 'expire' }, 'urls[0]'],
  [{ prefixes: ['category'], mode: 'expire' }, 'prefixes[0]'],
  [{ tags: ['a,b'], mode: 'expire' }, 'tags[0]'],
  [{ tags: [''], mode: 'expire' }, 'tags[0]'],
  [{ tags: ['x'], mode: 'expire', everything: true }, 'everything'],
];

t.test('purge refuses bad bodies naming the field', async (t) => {
  const gw = await startCachedGateway(t, { env: { ADMIN_TOKEN } });
  await gw.get('/products/1001');
  for (const [body, field] of BAD) {
    const answer = await purge(gw, body);
    t.equal(answer.status, 400, JSON.stringify(body));
    t.equal(answer.json.field, field, `names ${field}`);
    t.type(answer.json.message, 'string');
  }
  t.equal((await gw.get('/products/1001')).headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'nothing purged');
});
