// A Host no site claims (and no default site): the 404 "site not found" page, with no FC call and no render,
// for pages, assets and proxied routes alike. Health probes answer whatever the Host (kubelet sends the pod IP).
import t from 'tap';
import { getWithHost, startSitesGateway } from '../helpers/sites-gateway.js';

t.test('unknown hosts are refused before anything is called', async (t) => {
  let renders = 0;
  const gateway = await startSitesGateway(t, {
    regions: { a: {} },
    deps: { render: async () => { renders += 1; return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, html: '<!doctype html><p>local</p>' }; } },
    sites: (url) => [{ name: 'shop', hosts: ['shop.example.com', '*.shop.example.com'], origin: 'https://shop.example.com', targets: [{ name: 'fc-a', url: url.a }], fallback: 'local' }],
  });
  for (const host of ['evil.example.com', 'example.com', 'shop.example.com.evil.com', 'shop.example.com@evil.com', '']) {
    const answer = await getWithHost(gateway.url, '/products/1001', host);
    t.equal(answer.status, 404, `Host "${host}" → 404`);
    t.equal(answer.headers['x-error-code'], 'SSR_ERR_SITE_NOT_FOUND');
    t.match(answer.body, /Site not found/);
    t.equal(answer.headers['cache-control'], 'no-store');
  }
  t.equal((await getWithHost(gateway.url, '/assets/app.js', 'evil.example.com')).status, 404, 'assets too');
  t.equal(gateway.regions.a!.stats().calls.total, 0, 'no FC call for any of them');
  t.equal(renders, 0, 'and no local render');
  t.equal((await getWithHost(gateway.url, '/healthz', '10.0.0.7:3000')).status, 200, "a kubelet probe with the pod's IP is answered");
  t.equal((await getWithHost(gateway.url, '/products/1001', 'Shop.Example.com:443')).status, 200, 'a known host in any case, with a port, is served');
  t.equal((await getWithHost(gateway.url, '/products/1001', 'eu.shop.example.com')).status, 200, 'and a wildcard host');
  const metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.match(metrics, /ssr_sites_unknown_host_total 6/, 'counted');
});
