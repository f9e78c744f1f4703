// SITES_LOOKUP_URL for many tenants: a host the file does not name is asked of the API once; its site is
// built and served, a 404 answer is remembered (no second API call, no upstream call, the 404 page), and a
// lookup API that goes down never affects the sites the file names.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { getWithHost, startSitesGateway } from '../helpers/sites-gateway.js';

t.test('lookup answers route tenants; unknown hosts are cached 404s', async (t) => {
  const asked: string[] = [];
  let down = false;
  let regionUrl = '';
  const api = createServer((request, response) => {
    const host = new URL(request.url ?? '/', 'http://api').searchParams.get('host') ?? '';
    asked.push(host);
    if (down) { response.writeHead(503).end(); return; }
    if (host !== 'tenant-7.example.org') { response.writeHead(404).end(); return; }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      name: 'tenant-7', hosts: ['tenant-7.example.org'], origin: 'https://tenant-7.example.org',
      targets: [{ name: 'fc', url: regionUrl }], fallback: 'local',
    }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  t.teardown(() => api.close());
  const gateway = await startSitesGateway(t, {
    regions: { shop: {}, tenant: {} },
    env: { SITES_LOOKUP_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}/sites` },
    sites: (url) => {
      regionUrl = url.tenant!;
      return [{ name: 'shop', hosts: ['shop.example.com'], origin: 'https://shop.example.com', targets: [{ name: 'fc', url: url.shop }], fallback: 'local' }];
    },
  });
  const tenant = await getWithHost(gateway.url, '/products/1001', 'Tenant-7.example.org');
  t.equal(tenant.status, 200, "the tenant's page is served");
  t.equal(gateway.regions.tenant!.stats().calls.http, 1, "by the tenant's own function");
  await getWithHost(gateway.url, '/products/1002', 'tenant-7.example.org');
  t.same(asked, ['tenant-7.example.org'], 'the API was asked once for that host');

  for (let i = 0; i < 3; i += 1) {
    const unknown = await getWithHost(gateway.url, '/products/1001', 'nobody.example.org');
    t.equal(unknown.status, 404);
    t.equal(unknown.headers['x-error-code'], 'SSR_ERR_SITE_NOT_FOUND');
  }
  t.equal(asked.filter((host) => host === 'nobody.example.org').length, 1, 'the 404 answer is remembered');
  t.equal(gateway.regions.shop!.stats().calls.total + gateway.regions.tenant!.stats().calls.total, 2, 'unknown hosts cost no FC call');

  down = true;
  t.equal((await getWithHost(gateway.url, '/products/1001', 'shop.example.com')).status, 200, 'a lookup outage never touches the file’s sites');
  t.equal(asked.includes('shop.example.com'), false, 'whose hosts are never looked up');
  const fresh = await getWithHost(gateway.url, '/', 'new-tenant.example.org');
  t.equal(fresh.status, 503, 'a host the API cannot answer for now is a 503 to retry, not a 404');
  t.equal(fresh.headers['x-error-code'], 'SSR_ERR_SITE_LOOKUP');
  t.ok(fresh.headers['retry-after']);
  const metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.match(metrics, /ssr_sites_lookups_total\{result="miss"\} \d/);
  t.match(metrics, /ssr_sites_lookups_total\{result="negative"\} \d/);
});
