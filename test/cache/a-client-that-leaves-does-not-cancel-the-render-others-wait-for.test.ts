// The request that started a render goes away while others wait for the same page: the render is not
// aborted, the others get the page, and it is stored (one FC call in all).
import t from 'tap';
import { startCachedGateway, waitForWaiters } from '../helpers/cached-gateway.js';
import { heldSleep } from '../helpers/held-sleep.js';

t.test('a client that leaves does not cancel the render others wait for', async (t) => {
  const fcSlow = heldSleep();
  const gw = await startCachedGateway(t, { emulator: { sleep: fcSlow.sleep, faults: { latencyMs: 1 } } });
  const leaving = new AbortController();
  const first = gw.get('/products/1040', { signal: leaving.signal });
  await fcSlow.started; // the render is on FC now
  const waiting = [gw.get('/products/1040'), gw.get('/products/1040')];
  await waitForWaiters(gw, 3);
  leaving.abort();
  await t.rejects(first, 'the first client left');
  while (gw.app.renderCache.waiting() > 2) await new Promise((resolve) => setImmediate(resolve));
  fcSlow.release();
  const answers = await Promise.all(waiting);
  t.same(answers.map((a) => a.status), [200, 200]);
  t.same(answers.map((a) => a.headers.get('x-render-by')), ['fc', 'fc'], 'rendered by FC, not served from the cache');
  t.same(answers.map((a) => a.headers.get('cache-status')), Array(2).fill('ssr-offload; fwd=miss; fwd-status=200; ttl=300; stored; collapsed'));
  t.equal(gw.fcCalls(), 1);
  t.equal((await gw.get('/products/1040')).headers.get('cache-status'), 'ssr-offload; hit; ttl=300', 'and it was stored');
});
