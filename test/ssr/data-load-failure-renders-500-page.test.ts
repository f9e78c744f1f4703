import t from 'tap';
import { createCatalogDataSource, createRenderer, type DataSource } from '../../ssr/index.js';
import { parsePage } from '../helpers/page.js';

t.test('a failing data source gives a 500 page that is not cached, and the error is reported', async (t) => {
  const healthy = createCatalogDataSource();
  const failing: DataSource = { ...healthy, product: async () => { throw new Error('catalog database unreachable'); } };
  const reported: unknown[] = [];
  const render = createRenderer({ siteOrigin: 'https://shop.example.com', data: failing, onError: (error) => reported.push(error) });
  const { status, headers, html } = await render({ url: '/products/1001', headers: {} });
  t.equal(status, 500);
  t.equal(headers['cache-control'], 'no-store');
  const page = parsePage(html);
  t.equal(page.h1, 'Something went wrong');
  t.equal(page.meta('robots'), 'noindex, follow');
  t.notMatch(html, /catalog database unreachable/, 'internal error text is not shown to visitors');
  t.equal(reported.length, 1);
  t.match((reported[0] as Error).message, /unreachable/);
});

t.test('other pages keep working while one loader fails', async (t) => {
  const healthy = createCatalogDataSource();
  const render = createRenderer({ siteOrigin: 'https://shop.example.com', data: { ...healthy, product: async () => { throw new Error('down'); } } });
  t.equal((await render({ url: '/category/shoes', headers: {} })).status, 200);
});
