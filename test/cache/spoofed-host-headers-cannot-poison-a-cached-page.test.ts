// Host and X-Forwarded-Host are not part of the key, and nothing in a cached page may come from them:
// a request with spoofed values that fills the cache leaves a page everyone else can safely get.
import t from 'tap';
import { startCachedGateway } from '../helpers/cached-gateway.js';
import { SITE_ORIGIN } from '../helpers/gateway.js';
import { parsePage } from '../helpers/page.js';

t.test('spoofed host headers cannot poison a cached page', async (t) => {
  const gw = await startCachedGateway(t);
  const poisoned = await gw.get('/products/1020', {
    headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http', 'x-original-url': '/admin', 'x-evil': '<script>' },
  });
  t.equal(poisoned.status, 200);
  t.match(poisoned.headers.get('cache-status'), /stored/, 'the spoofed request filled the cache');

  const victim = await gw.get('/products/1020');
  t.equal(victim.headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'the next visitor gets that entry');
  t.notMatch(victim.body, /evil\.example|<script>|\/admin/, 'and nothing of the spoofed headers is in it');
  const page = parsePage(victim.body);
  t.equal(page.canonical, `${SITE_ORIGIN}/products/1020`);
  t.equal(page.meta('og:url'), `${SITE_ORIGIN}/products/1020`);

  const otherHost = await gw.get('/products/1020', { headers: { host: 'another.example' } });
  t.equal(otherHost.body, victim.body, 'the raw Host never selects another entry');
});
