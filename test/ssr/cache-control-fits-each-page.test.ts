import t from 'tap';
import { createRenderer } from '../../ssr/index.js';

const render = createRenderer({ siteOrigin: 'https://shop.example.com' });

const expectations: Array<[string, RegExp]> = [
  ['/', /^public, .*s-maxage=\d+.*stale-if-error/],
  // Catalog pages: shared caches (the gateway's render cache, a CDN) keep them, serve them stale while
  // one refresh runs, and through an outage of every renderer.
  ['/products/1001', /^public, .*s-maxage=\d+.*stale-while-revalidate=\d+.*stale-if-error=\d+/],
  ['/category/shoes', /^public, .*s-maxage=\d+.*stale-while-revalidate=\d+.*stale-if-error=\d+/],
  ['/search?q=boots', /^private, no-cache$/],
  ['/nowhere', /^public, max-age=60$/],
  ['/item/1001', /^public, max-age=3600$/],
];

for (const [url, expected] of expectations) {
  t.test(`${url} is cached as ${expected}`, async (t) => {
    t.match((await render({ url, headers: {} })).headers['cache-control'], expected);
  });
}

t.test('catalog pages carry purge tags; search and 404 pages none', async (t) => {
  t.equal((await render({ url: '/products/1001', headers: {} })).headers['cache-tag'], 'page-product, product-1001');
  t.equal((await render({ url: '/category/shoes', headers: {} })).headers['cache-tag'], 'page-category, category-shoes');
  t.equal((await render({ url: '/search?q=boots', headers: {} })).headers['cache-tag'], undefined);
  t.equal((await render({ url: '/nowhere', headers: {} })).headers['cache-tag'], undefined);
});
