import t from 'tap';
import { createRenderer } from '../../ssr/index.js';
import { parsePage } from '../helpers/page.js';

const ORIGIN = 'https://shop.example.com';
const render = createRenderer({ siteOrigin: ORIGIN });

const types = (jsonLd: Array<Record<string, unknown>>) => jsonLd.map((data) => data['@type']);

t.test('home: 200, site title, WebSite with SearchAction', async (t) => {
  const { status, html } = await render({ url: '/', headers: {} });
  const page = parsePage(html);
  t.equal(status, 200);
  t.match(page.title, /Northwind Goods/);
  t.equal(page.canonical, `${ORIGIN}/`);
  t.ok(page.meta('description'));
  t.same(types(page.jsonLd), ['Organization', 'WebSite']);
  t.match(JSON.stringify(page.jsonLd[1]), /SearchAction/);
  t.ok(page.root.querySelectorAll('article.card').length > 0, 'featured products listed');
});

t.test('category: 200, at least 48 product cards, breadcrumbs and item list, rel=next', async (t) => {
  const { status, html } = await render({ url: '/category/shoes', headers: {} });
  const page = parsePage(html);
  t.equal(status, 200);
  t.equal(page.h1, 'Shoes');
  t.equal(page.root.querySelectorAll('article.card').length, 48);
  t.equal(page.canonical, `${ORIGIN}/category/shoes`);
  t.same(types(page.jsonLd), ['BreadcrumbList', 'ItemList']);
  t.equal(page.root.querySelector('head link[rel="next"]')?.getAttribute('href'), `${ORIGIN}/category/shoes?page=2`);
  t.notOk(page.root.querySelector('head link[rel="prev"]'));
  t.equal(page.meta('og:url'), `${ORIGIN}/category/shoes`);
});

t.test('category page 2: its own canonical, title, prev and next', async (t) => {
  const { status, html } = await render({ url: '/category/shoes?page=2', headers: {} });
  const page = parsePage(html);
  t.equal(status, 200);
  t.equal(page.canonical, `${ORIGIN}/category/shoes?page=2`);
  t.match(page.title, /page 2 of 3/);
  t.equal(page.root.querySelector('head link[rel="prev"]')?.getAttribute('href'), `${ORIGIN}/category/shoes`);
  t.equal(page.root.querySelector('head link[rel="next"]')?.getAttribute('href'), `${ORIGIN}/category/shoes?page=3`);
  const itemList = page.jsonLd.find((data) => data['@type'] === 'ItemList') as { itemListElement: Array<{ position: number }> };
  t.equal(itemList.itemListElement[0]?.position, 49, 'positions continue across pages');
});

t.test('product: 200, Product JSON-LD with offer and rating, Open Graph', async (t) => {
  const { status, html } = await render({ url: '/products/1001', headers: {} });
  const page = parsePage(html);
  t.equal(status, 200);
  const product = page.jsonLd.find((data) => data['@type'] === 'Product') as Record<string, any>;
  t.ok(product, 'Product JSON-LD');
  t.equal(product['@context'], 'https://schema.org');
  t.equal(product.name, page.h1);
  t.match(product.offers, { '@type': 'Offer', priceCurrency: 'USD', price: /^\d+\.\d\d$/, url: `${ORIGIN}/products/1001` });
  t.match(product.aggregateRating, { '@type': 'AggregateRating' });
  t.ok(page.jsonLd.some((data) => data['@type'] === 'BreadcrumbList'));
  t.equal(page.meta('og:title'), page.title);
  t.equal(page.meta('robots'), 'index, follow');
});

t.test('article: 200, Article JSON-LD with author and dates', async (t) => {
  const home = parsePage((await render({ url: '/', headers: {} })).html);
  const href = home.root.querySelector('ul.articles a')?.getAttribute('href');
  t.ok(href, 'home links an article');
  const { status, html } = await render({ url: href!, headers: {} });
  const page = parsePage(html);
  t.equal(status, 200);
  const article = page.jsonLd.find((data) => data['@type'] === 'Article') as Record<string, any>;
  t.equal(article.headline, page.h1);
  t.match(article.author, { '@type': 'Person', name: String });
  t.match(article.datePublished, /^\d{4}-\d\d-\d\d$/);
  t.equal(article.mainEntityOfPage, `${ORIGIN}${href}`);
  t.equal(page.meta('og:type'), 'article');
});

t.test('search: 200, results for the query, not indexed', async (t) => {
  const { status, html } = await render({ url: '/search?q=runner', headers: {} });
  const page = parsePage(html);
  t.equal(status, 200);
  t.match(page.h1, /runner/);
  t.ok(page.root.querySelectorAll('article.card').length > 0, 'finds runners');
  t.equal(page.meta('robots'), 'noindex, follow');
  t.equal(page.canonical, `${ORIGIN}/search`);
});

t.test('unknown route: 404 page with noindex', async (t) => {
  const { status, html } = await render({ url: '/does-not-exist', headers: {} });
  const page = parsePage(html);
  t.equal(status, 404);
  t.equal(page.h1, 'Page not found');
  t.equal(page.meta('robots'), 'noindex, follow');
});
