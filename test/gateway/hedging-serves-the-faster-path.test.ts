// With HEDGE_MS, a slow FC answer is raced by a local render and the faster page wins; a fast FC is
// never hedged; and hedges stop when local renders are at LOCAL_MAX_INFLIGHT with no room to wait
// (LOCAL_QUEUE_MAX 0 here), so hedging cannot overload the pod it protects.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { gatedRender } from '../helpers/gated-render.js';

async function get(url: string) {
  const response = await fetch(url);
  await response.text();
  return { status: response.status, renderBy: response.headers.get('x-render-by') };
}
const metric = async (url: string, name: string) => (await (await fetch(`${url}/metrics`)).text()).split('\n').find((line) => line.startsWith(name))?.split(' ').pop();

t.test('slow FC: the hedged local render wins', async (t) => {
  // The in-process emulator's cold start of the function bundle blocks this event loop on the first call, which the
  // lag guard would read as a saturated pod and refuse the hedge; a real FC runs elsewhere, so the guard is lifted here.
  const gateway = await startGateway(t, { emulator: { faults: { latencyMs: 800 } }, env: { HEDGE_MS: '50', FC_TIMEOUT_MS: '3000', LOCAL_MAX_EVENT_LOOP_DELAY_MS: '60000' } });
  t.match(await get(`${gateway.url}/products/1001`), { status: 200, renderBy: 'local' });
  t.equal(await metric(gateway.adminUrl!, 'ssr_hedges_total{winner="local"}'), '1');
  t.equal(gateway.fc!.stats().calls.http, 1, 'FC was asked too (its call runs on to inform the breaker)');
});

t.test('hedging is on by default with fc-first: a hanging FC call is answered by the local render, not the FC deadline', async (t) => {
  // The lag guard lifted as above (a refused hedge would leave the page to the 60 s deadline).
  const gateway = await startGateway(t, { emulator: { faults: { hangRate: 1 } }, env: { FC_TIMEOUT_MS: '60000', LOCAL_MAX_EVENT_LOOP_DELAY_MS: '60000' } });
  t.match(await get(`${gateway.url}/products/1001`), { status: 200, renderBy: 'local' });
  t.equal(await metric(gateway.adminUrl!, 'ssr_hedges_total{winner="local"}'), '1', 'the hedge served it');
});

t.test('fast FC: no hedge', async (t) => {
  const gateway = await startGateway(t, { env: { HEDGE_MS: '1000', FC_TIMEOUT_MS: '3000' } });
  t.match(await get(`${gateway.url}/products/1001`), { status: 200, renderBy: 'fc' });
  t.equal(await metric(gateway.adminUrl!, 'ssr_hedges_total'), undefined, 'no hedge counted');
});

t.test('no local headroom: the hedge is refused and FC serves the page', async (t) => {
  const gated = gatedRender(/1001/);
  const gateway = await startGateway(t, {
    emulator: { faults: { latencyMs: 400 } },
    // The lag guard lifted as above: on a loaded machine it refused the FIRST hedge too, so the slot was never
    // taken and the test waited for a render that never started (until tap's timeout). Headroom here = the slot.
    env: { HEDGE_MS: '30', FC_TIMEOUT_MS: '3000', LOCAL_MAX_INFLIGHT: '1', LOCAL_QUEUE_MAX: '0', LOCAL_MAX_EVENT_LOOP_DELAY_MS: '60000' },
    deps: { render: gated.render },
  });
  const first = get(`${gateway.url}/products/1001`);
  await gated.started; // the first request's hedge occupies the only local slot
  t.match(await get(`${gateway.url}/products/1002`), { status: 200, renderBy: 'fc' });
  t.equal(await metric(gateway.adminUrl!, 'ssr_hedges_refused_total{reason="headroom"}'), '1', 'the second hedge was refused');
  t.equal(gated.calls(), 1, 'no second local render started');
  gated.release();
  t.match(await first, { status: 200 });
});
