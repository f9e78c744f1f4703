// 50 requests for a page nobody has cached, all at once: one FC call, counted by the emulator; the
// others wait for it (Cache-Status: collapsed) and every one gets the page.
import t from 'tap';
import { startCachedGateway, waitForWaiters } from '../helpers/cached-gateway.js';
import { heldSleep } from '../helpers/held-sleep.js';

t.test('fifty concurrent misses make one FC call', async (t) => {
  const fcSlow = heldSleep();
  const gw = await startCachedGateway(t, { emulator: { sleep: fcSlow.sleep, faults: { latencyMs: 1 } } });
  const pages = Array.from({ length: 50 }, () => gw.get('/products/1030'));
  await fcSlow.started;
  await waitForWaiters(gw, 50);
  fcSlow.release();
  const answers = await Promise.all(pages);
  t.equal(gw.fc!.stats().calls.total, 1, 'FC was called once');
  t.same(answers.map((a) => a.status), Array(50).fill(200));
  t.equal(new Set(answers.map((a) => a.body)).size, 1, 'everyone got the same page');
  const statuses = answers.map((a) => a.headers.get('cache-status'));
  t.equal(statuses.filter((s) => s === 'ssr-offload; fwd=miss; fwd-status=200; ttl=300; stored').length, 1, 'one request rendered');
  t.equal(statuses.filter((s) => s === 'ssr-offload; fwd=miss; fwd-status=200; ttl=300; stored; collapsed').length, 49, '49 waited for it');
});
