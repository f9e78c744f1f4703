// Routes changed while running: the sites file is rewritten (the watcher reloads it), rewritten badly (refused,
// the old routes stay, counted) and reloaded through POST /sites/reload. Pages in flight during a reload
// finish on the routes they started with; none is lost.
import { writeFileSync } from 'node:fs';
import t from 'tap';
import { getWithHost, startSitesGateway, until } from '../helpers/sites-gateway.js';

const TOKEN = 'reload-token-0123456789';

t.test('valid reloads apply, invalid ones are refused, in-flight pages finish', async (t) => {
  const site = (hosts: string[], url: string) => ({ name: 'shop', hosts, origin: 'https://shop.example.com', targets: [{ name: 'fc-a', url }], fallback: 'local' });
  const gateway = await startSitesGateway(t, {
    regions: { a: { faults: { latencyMs: 150 } } },
    env: { ADMIN_TOKEN: TOKEN, HEDGE_MS: '0' },
    sites: (url) => [site(['shop.example.com'], url.a!)],
  });
  const url = gateway.regions.a!.url;
  const metric = async (pattern: RegExp) => pattern.test(await (await fetch(`${gateway.adminUrl}/metrics`)).text());
  const breakerBefore = gateway.app.sites.find('shop')!.members[0]!.breaker;

  t.equal((await getWithHost(gateway.url, '/', 'new.example.com')).status, 404, 'new.example.com is not routed yet');
  // Pages in flight while the file changes.
  const inFlight = Array.from({ length: 8 }, () => getWithHost(gateway.url, '/products/1001', 'shop.example.com'));
  gateway.write([site(['shop.example.com', 'new.example.com'], url)]);
  await until(() => metric(/ssr_sites_reloads_total\{result="applied"\} 1/), 'the watcher applying the new file');
  for (const answer of await Promise.all(inFlight)) t.equal(answer.status, 200, 'a page in flight during the reload arrives');
  t.equal((await getWithHost(gateway.url, '/', 'new.example.com')).status, 200, 'the new host is routed');
  t.equal(gateway.app.sites.find('shop')!.members[0]!.breaker, breakerBefore, 'an unchanged target keeps its breaker (and health state)');

  writeFileSync(gateway.file, 'sites:\n  - name: shop\n    hosts: [shop.example.com]\n    origin: ftp://nope\n');
  await until(() => metric(/ssr_sites_reloads_total\{result="refused"\} 1/), 'the bad file refused');
  t.equal((await getWithHost(gateway.url, '/', 'new.example.com')).status, 200, 'the old routes stay after a refused file');

  const refused = await fetch(`${gateway.adminUrl}/sites/reload`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
  t.equal(refused.status, 422, 'POST /sites/reload answers 422 for the bad file');
  const body = await refused.json() as { result: string; error: string };
  t.equal(body.result, 'refused');
  t.match(body.error, /^SSR_ERR_CONFIG: SITES_FILE .*sites\.yaml: site "shop": /, 'naming the code, the file and the site');
  t.equal((await fetch(`${gateway.adminUrl}/sites/reload`, { method: 'POST' })).status, 401, 'the reload endpoint needs the token');

});
