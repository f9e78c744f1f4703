// A request reaches the site that names its host exactly, else the one with the longest wildcard, else the
// default site; case, port and a trailing dot never change the answer, and a malformed Host never picks a
// named site.
import t from 'tap';
import { createHostMatcher, normalizeHost } from '../../server/sites/host-match.js';
import { parseSites } from '../../server/sites/sites-file.js';

const { sites } = parseSites(`
sites:
  - { name: shop, hosts: [shop.example.com], origin: "https://shop.example.com", targets: [{ name: fc, url: "https://a.fcapp.run" }], fallback: local }
  - { name: tenants, hosts: ["*.example.com"], origin: "https://example.com", targets: [{ name: fc, url: "https://b.fcapp.run" }], fallback: local }
  - { name: eu, hosts: ["*.eu.example.com"], origin: "https://eu.example.com", targets: [{ name: fc, url: "https://c.fcapp.run" }], fallback: local }
  - { name: fallback, hosts: [], default: true, origin: "https://www.example.org", targets: [{ name: fc, url: "https://d.fcapp.run" }], fallback: local }
`, 'sites.yaml', { timeoutMs: 3000, fallbackTimeoutMs: 10_000, offload: 'fc-first' });

const siteOf = createHostMatcher(sites);
const nameOf = (host: string | undefined) => siteOf(host)?.name;

t.test('exact beats any wildcard, the longest wildcard beats a shorter one, the default takes the rest', async (t) => {
  t.equal(nameOf('shop.example.com'), 'shop', 'exact, although *.example.com also matches');
  t.equal(nameOf('blog.example.com'), 'tenants', 'wildcard');
  t.equal(nameOf('a.b.example.com'), 'tenants', 'a wildcard matches several labels');
  t.equal(nameOf('paris.eu.example.com'), 'eu', 'the longer wildcard wins');
  t.equal(nameOf('x.paris.eu.example.com'), 'eu', 'the longer wildcard wins at any depth');
  t.equal(nameOf('eu.example.com'), 'tenants', '*.eu.example.com never matches eu.example.com itself');
  t.equal(nameOf('example.com'), 'fallback', '*.example.com never matches example.com itself');
  t.equal(nameOf('other.org'), 'fallback', 'unknown host: the default site');
});

t.test('case, port and one trailing dot are normalised', async (t) => {
  t.equal(nameOf('Shop.Example.com:443'), 'shop');
  t.equal(nameOf('SHOP.EXAMPLE.COM'), 'shop');
  t.equal(nameOf('shop.example.com.'), 'shop');
  t.equal(nameOf('shop.example.com.:8080'), 'shop');
  t.equal(nameOf('shop.example.com:'), 'shop', 'an empty port is allowed (RFC 3986)');
  t.equal(nameOf('[::1]:3000'), 'fallback', 'an IPv6 literal no site names');
});

t.test('a missing or malformed Host gets the default site, never a named one', async (t) => {
  for (const host of [undefined, '', 'shop.example.com/x', 'user@shop.example.com', 'shop.example.com:99999', 'shop.example.com:80:80', 'shop..example.com', 'shop.example.com..', ' shop.example.com', '-shop.example.com', 'shop_x.example.com', 'shöp.example.com', '[::1', '[zz::1]', `${'a'.repeat(64)}.example.com`]) {
    t.equal(nameOf(host), 'fallback', JSON.stringify(host));
  }
  t.equal(createHostMatcher(sites.filter((site) => !site.default))('other.org'), undefined, 'no default site: no site');
});

t.test('normalizeHost', async (t) => {
  t.equal(normalizeHost('Shop.Example.com:443'), 'shop.example.com');
  t.equal(normalizeHost('[2001:DB8::1]:443'), '[2001:db8::1]');
  t.equal(normalizeHost('127.0.0.1:3000'), '127.0.0.1');
  t.equal(normalizeHost('shop.example.com/x'), undefined);
  t.equal(normalizeHost(undefined), undefined);
});
