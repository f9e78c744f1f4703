import t from 'tap';
import { createRenderer } from '../../ssr/index.js';

const render = createRenderer({ siteOrigin: 'https://shop.example.com' });

const expectations: Array<[string, RegExp]> = [
  ['/', /^public, .*s-maxage=\d+.*stale-if-error/],
  ['/products/1001', /^public, /],
  ['/search?q=boots', /^private, no-cache$/],
  ['/nowhere', /^public, max-age=60$/],
  ['/item/1001', /^public, max-age=3600$/],
];

for (const [url, expected] of expectations) {
  t.test(`${url} is cached as ${expected}`, async (t) => {
    t.match((await render({ url, headers: {} })).headers['cache-control'], expected);
  });
}
