// OFFLOAD=local-first renders in-process and sends a page to FC only while local renders are at
// LOCAL_MAX_INFLIGHT; once the pod has headroom again, FC gets nothing.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { gatedRender } from '../helpers/gated-render.js';

async function get(url: string) {
  const response = await fetch(url);
  await response.text();
  return { status: response.status, renderBy: response.headers.get('x-render-by') };
}

t.test('spill under saturation only', async (t) => {
  const gated = gatedRender(/1001/);
  const gateway = await startGateway(t, { env: { OFFLOAD: 'local-first', LOCAL_MAX_INFLIGHT: '1', LOCAL_MAX_EVENT_LOOP_DELAY_MS: '60000' }, deps: { render: gated.render } });
  t.match(await get(`${gateway.url}/products/1003`), { renderBy: 'local' }, 'idle pod: local');
  t.equal(gateway.fc!.stats().calls.total, 0, 'FC untouched while there is headroom');

  const busy = get(`${gateway.url}/products/1001`);
  await gated.started;
  t.match(await get(`${gateway.url}/products/1002`), { status: 200, renderBy: 'fc' }, 'saturated: the overflow page goes to FC');
  const metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.match(metrics, /ssr_spills_total 1/);
  gated.release();
  t.match(await busy, { status: 200, renderBy: 'local' });

  for (let i = 4; i < 8; i += 1) t.match(await get(`${gateway.url}/products/100${i}`), { renderBy: 'local' });
  t.equal(gateway.fc!.stats().calls.total, 1, 'FC saw only the one spilled page');
});

t.test('local-only never calls FC, even with FC_URL set', async (t) => {
  const gateway = await startGateway(t, { env: { OFFLOAD: 'local-only' } });
  for (let i = 1; i < 5; i += 1) t.match(await get(`${gateway.url}/products/100${i}`), { status: 200, renderBy: 'local' });
  t.equal(gateway.fc!.stats().calls.total, 0);
  t.equal(gateway.app.fcBreaker, undefined, 'no breaker at all');
});
