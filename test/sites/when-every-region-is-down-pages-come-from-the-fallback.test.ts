// Both regions fail: the chain has nothing left, and the site's fallback (the in-process render) answers.
import t from 'tap';
import { getWithHost, startSitesGateway } from '../helpers/sites-gateway.js';

t.test('every target failing → the local fallback renders, no failed page', async (t) => {
  const gateway = await startSitesGateway(t, {
    regions: { a: { faults: { errorRate: 1 } }, b: { faults: { resetRate: 1 } } },
    env: { HEDGE_MS: '0' },
    sites: (url) => [{
      name: 'shop', hosts: ['shop.example.com'], origin: 'https://shop.example.com',
      targets: [{ name: 'fc-a', url: url.a }, { name: 'fc-b', url: url.b }], fallback: 'local',
    }],
  });
  for (let i = 0; i < 3; i += 1) {
    const answer = await getWithHost(gateway.url, '/products/1001', 'shop.example.com');
    t.equal(answer.status, 200);
    t.equal(answer.headers['x-render-by'], 'local', 'rendered by the fallback');
  }
  t.equal(gateway.regions.a!.stats().calls.http, 3, 'region A was tried first each time');
  t.equal(gateway.regions.b!.stats().calls.http, 3, 'then region B');
});
