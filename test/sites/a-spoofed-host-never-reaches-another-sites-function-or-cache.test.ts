// Two sites, each with its own function. What a client writes decides only which configured site it gets
// (its Host); X-Forwarded-Host, absolute-form targets and unknown headers never move a request to the other
// site's function or let it read the other site's cached pages.
import t from 'tap';
import { getWithHost, startSitesGateway } from '../helpers/sites-gateway.js';

t.test('a request for one site never touches the other site', async (t) => {
  const gateway = await startSitesGateway(t, {
    regions: { shop: {}, blog: {} },
    env: { CACHE_MB: '8' },
    sites: (url) => [
      { name: 'shop', hosts: ['shop.example.com'], origin: 'https://shop.example.com', targets: [{ name: 'fc', url: url.shop }], fallback: 'local' },
      { name: 'blog', hosts: ['blog.example.com'], origin: 'https://blog.example.com', targets: [{ name: 'fc', url: url.blog }], fallback: 'local' },
    ],
  });
  const { shop, blog } = gateway.regions as Record<'shop' | 'blog', NonNullable<(typeof gateway.regions)['shop']>>;
  const first = await getWithHost(gateway.url, '/products/1001', 'shop.example.com');
  t.equal(first.status, 200);
  t.equal(shop.stats().calls.http, 1, "the shop page came from the shop's function");

  const spoofed = await getWithHost(gateway.url, '/products/1001', 'shop.example.com', { 'x-forwarded-host': 'blog.example.com', forwarded: 'host=blog.example.com', 'x-host': 'blog.example.com' });
  t.equal(spoofed.headers['x-render-by'], 'cache', 'X-Forwarded-Host does not change the site: the shop entry is a hit');
  t.equal(blog.stats().calls.total, 0, "the blog's function was never called");

  const blogPage = await getWithHost(gateway.url, '/products/1001', 'blog.example.com');
  t.equal(blogPage.status, 200);
  t.not(blogPage.headers['x-render-by'], 'cache', "the same path on the blog is not served from the shop's entry");
  t.equal(blog.stats().calls.http, 1, "it is rendered by the blog's function");
  t.equal(shop.stats().calls.http, 1, 'and not by the shop’s');

  const metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.match(metrics, /ssr_cache_requests_total\{site="shop",result="hit"\} 1/);
  t.match(metrics, /ssr_cache_requests_total\{site="blog",result="miss"\} 1/);
});
