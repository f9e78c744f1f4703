import t from 'tap';
import { createRenderer } from '../../ssr/index.js';
import { parsePage } from '../helpers/page.js';

const render = createRenderer({ siteOrigin: 'https://shop.example.com' });

for (const url of ['/products/999999', '/category/hats', '/category/shoes?page=4', '/category/shoes?page=abc', '/category/shoes?page=-1', '/blog/not-an-article']) {
  t.test(`${url} answers 404 with the not-found page`, async (t) => {
    const { status, headers, html } = await render({ url, headers: {} });
    t.equal(status, 404);
    t.equal(parsePage(html).h1, 'Page not found');
    t.equal(headers['cache-control'], 'public, max-age=60', 'a short cache, so a later real page shows up');
  });
}
