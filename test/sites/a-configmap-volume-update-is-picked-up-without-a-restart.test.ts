// Kubernetes updates a mounted ConfigMap by writing a new version directory and swapping the `..data`
// symlink; the file's own path and inode never change. The gateway watches the directory, so the new
// routes apply without a restart or a signal.
import t from 'tap';
import { getWithHost, startSitesGateway, until } from '../helpers/sites-gateway.js';

t.test('a ..data symlink swap reloads the routes', async (t) => {
  const site = (hosts: string[], url: string) => ({ name: 'shop', hosts, origin: 'https://shop.example.com', targets: [{ name: 'fc-a', url }], fallback: 'local' });
  const gateway = await startSitesGateway(t, {
    regions: { a: {} },
    configMapVolume: true,
    sites: (url) => [site(['shop.example.com'], url.a!)],
  });
  t.equal((await getWithHost(gateway.url, '/', 'shop.example.net')).status, 404);
  gateway.write([site(['shop.example.com', 'shop.example.net'], gateway.regions.a!.url)]);
  await until(async () => /ssr_sites_reloads_total\{result="applied"\} 1/.test(await (await fetch(`${gateway.adminUrl}/metrics`)).text()), 'the swap applied');
  t.equal((await getWithHost(gateway.url, '/', 'shop.example.net')).status, 200, 'the host added by the new version is routed');
  t.equal((await getWithHost(gateway.url, '/', 'shop.example.com')).status, 200);
});
