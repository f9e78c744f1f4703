// The same app serves two sites: a page rendered in-process carries the canonical and Open Graph URLs of the
// site it was asked for (its configured origin), never the request's Host.
import t from 'tap';
import { getWithHost, startSitesGateway } from '../helpers/sites-gateway.js';

t.test('canonical links use the site origin', async (t) => {
  const gateway = await startSitesGateway(t, {
    env: { OFFLOAD: 'local-only' },
    sites: () => [
      { name: 'shop', hosts: ['shop.example.com'], origin: 'https://shop.example.com', targets: [], fallback: 'local' },
      { name: 'outlet', hosts: ['outlet.example.net'], default: true, origin: 'https://outlet.example.net', targets: [], fallback: 'local' },
    ],
  });
  const shop = await getWithHost(gateway.url, '/products/1001', 'shop.example.com');
  t.match(shop.body, /<link rel="canonical" href="https:\/\/shop\.example\.com\/products\/1001">/);
  const outlet = await getWithHost(gateway.url, '/products/1001', 'outlet.example.net');
  t.match(outlet.body, /<link rel="canonical" href="https:\/\/outlet\.example\.net\/products\/1001">/);
  t.match(outlet.body, /<meta property="og:url" content="https:\/\/outlet\.example\.net\/products\/1001">/);
  const other = await getWithHost(gateway.url, '/products/1001', 'attacker.example.org');
  t.match(other.body, /href="https:\/\/outlet\.example\.net\/products\/1001"/, 'the default site answers other hosts with its own origin, not theirs');
  t.notMatch(other.body, /attacker/);
});
