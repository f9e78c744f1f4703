// Past s-maxage (300 s) but inside stale-while-revalidate (600 s more): the old page is served at once,
// and however many requests arrive while FC is refreshing it, one background refresh goes to FC; after
// it, pages are fresh hits again.
import t from 'tap';
import { startCachedGateway } from '../helpers/cached-gateway.js';
import { heldSleep } from '../helpers/held-sleep.js';

t.test('stale while revalidate serves stale at once and refreshes once', async (t) => {
  const fcSlow = heldSleep();
  const gw = await startCachedGateway(t, { emulator: { sleep: fcSlow.sleep } });
  const first = await gw.get('/category/shoes');
  t.equal(first.status, 200);
  t.equal(gw.fcCalls(), 1);

  gw.fc!.setFaults({ latencyMs: 1 }); // every FC call now waits for fcSlow.release()
  gw.clock.advance(301);
  const stale = await Promise.all(Array.from({ length: 10 }, () => gw.get('/category/shoes')));
  for (const page of stale) {
    t.equal(page.status, 200);
    t.equal(page.headers.get('x-render-by'), 'cache');
    t.equal(page.headers.get('cache-status'), 'ssr-offload; hit; ttl=-1; detail=stale-while-revalidate');
    t.equal(page.headers.get('age'), '301');
    t.equal(page.body, first.body);
  }
  await fcSlow.started;
  fcSlow.release();
  await gw.app.renderCache.idle();
  t.equal(gw.fcCalls(), 2, 'ten stale answers, one refresh');

  const fresh = await gw.get('/category/shoes');
  t.equal(fresh.headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'the refreshed page is fresh again');
  t.equal(fresh.headers.get('age'), '0');
  t.equal(gw.fcCalls(), 2);
});
