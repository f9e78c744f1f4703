// A starting gateway answers /readyz 503 ("warming-up") while it renders WARMUP_PATHS in-process (each
// a few times) and opens FC connections with a few concurrent renders; once that is done, 200. Pages
// are served meanwhile (readiness only steers traffic), and the warm-up is not traffic: it leaves no
// trace in the page metrics.
import t from 'tap';
import { gatedRender } from '../helpers/gated-render.js';
import { startGateway } from '../helpers/gateway.js';

t.test('readiness waits for the warm-up', async (t) => {
  const gated = gatedRender(/^\/products\/1002$/);
  const gateway = await startGateway(t, {
    env: { WARMUP_TIMEOUT_MS: '60000', WARMUP_PATHS: '/,/products/1001,/products/1002', FC_TIMEOUT_MS: '10000' },
    deps: { render: gated.render },
  });
  await gated.started;
  const warming = await fetch(`${gateway.url}/readyz`);
  t.equal(warming.status, 503, '503 while a warm-up render is still running');
  t.same(await warming.json(), { status: 'warming-up' });
  t.equal((await fetch(`${gateway.url}/healthz`)).status, 200, 'liveness is not affected');

  gated.release();
  await gateway.app.whenWarm();
  const ready = await fetch(`${gateway.url}/readyz`);
  t.equal(ready.status, 200, '200 once the warm-up finished');
  t.equal(gated.calls(), 3 * 3, 'every path rendered in-process, 3 rounds');
  t.equal(gateway.fc!.stats().calls.http, 2, 'two concurrent FC renders opened the pool');
  const metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.notMatch(metrics, /ssr_page_duration_seconds_count\{/, 'no page was counted: warm-up is not traffic');
});
