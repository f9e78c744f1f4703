// The local queue is full (LOCAL_SHED): a page with a copy inside its stale-if-error window gets that copy,
// a page without one gets the fast 503 with Retry-After: 1.
import t from 'tap';
import { startCachedGateway } from '../helpers/cached-gateway.js';
import { gatedRender } from '../helpers/gated-render.js';

t.test('shed → stale copy when the cache has one, else 503', async (t) => {
  const gated = gatedRender(/1009/);
  const gw = await startCachedGateway(t, {
    emulator: false,
    env: { OFFLOAD: 'local-only', LOCAL_MAX_INFLIGHT: '1', LOCAL_QUEUE_MAX: '0' },
    deps: { render: gated.render },
  });
  const first = await gw.get('/products/1003');
  t.equal(first.status, 200);
  gw.clock.advance(300 + 600 + 10); // past fresh and stale-while-revalidate, inside stale-if-error

  const held = gw.get('/products/1009'); // occupies the only render slot; nothing may wait
  await gated.started;
  const stale = await gw.get('/products/1003');
  t.equal(stale.status, 200, 'the stale page, not the 503 page');
  t.equal(stale.headers.get('x-render-by'), 'cache');
  t.match(stale.headers.get('cache-status'), /fwd=stale; fwd-status=503;.*detail=stale-if-error/);
  t.equal(stale.body, first.body);

  const never = await gw.get('/products/1004');
  t.equal(never.status, 503, 'no copy: the shed answer');
  t.equal(never.headers.get('retry-after'), '1');
  t.match(await (await fetch(`${gw.adminUrl}/metrics`)).text(), /ssr_local_shed_total\{reason="queue_full"\} 2/);
  gated.release();
  t.equal((await held).status, 200);
});
