import t from 'tap';
import { createRenderer } from '../../ssr/index.js';

const render = createRenderer({ siteOrigin: 'https://shop.example.com' });

t.test('the old shop URL /item/:id answers 301 to the product page', async (t) => {
  const { status, headers } = await render({ url: '/item/1042', headers: {} });
  t.equal(status, 301);
  t.equal(headers.location, '/products/1042');
});

t.test('?page=1 answers 301 to the one canonical URL of the first page', async (t) => {
  const { status, headers } = await render({ url: '/category/bags?page=1', headers: {} });
  t.equal(status, 301);
  t.equal(headers.location, '/category/bags');
});
