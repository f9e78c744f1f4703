// FC answers 503 and the local render crashes: a copy inside its stale-if-error window (86400 s after
// freshness) is served instead of the 503 page; past that window the 503 page comes back.
import t from 'tap';
import { createRenderer } from '../../ssr/index.js';
import { startCachedGateway } from '../helpers/cached-gateway.js';
import { SITE_ORIGIN } from '../helpers/gateway.js';

t.test('stale if error serves the page when fc and local both fail', async (t) => {
  const real = createRenderer({ siteOrigin: SITE_ORIGIN });
  let localBroken = false;
  const gw = await startCachedGateway(t, {
    env: { BREAKER_CONSECUTIVE_FAILURES: '0', BREAKER_VOLUME: '1000' },
    deps: { render: async (request) => { if (localBroken) throw new Error('local render down'); return real(request); } },
  });
  const first = await gw.get('/products/1003');
  t.equal(first.status, 200);

  gw.fc!.setFaults({ errorRate: 1 });
  localBroken = true;
  gw.clock.advance(300 + 600 + 10);
  const stale = await gw.get('/products/1003');
  t.equal(stale.status, 200, 'the stale page, not the 503 page');
  t.equal(stale.headers.get('x-render-by'), 'cache');
  t.equal(stale.headers.get('cache-status'), 'ssr-offload; fwd=stale; fwd-status=503; ttl=-610; detail=stale-if-error');
  t.equal(stale.headers.get('age'), '910');
  t.equal(stale.body, first.body);

  const uncached = await gw.get('/products/1004');
  t.equal(uncached.status, 503, 'a page never seen has no stale copy');
  t.ok(uncached.headers.get('retry-after'));

  gw.clock.advance(86_400);
  const tooOld = await gw.get('/products/1003');
  t.equal(tooOld.status, 503, 'past stale-if-error the copy is not served');
});
