// Bounded local work: LOCAL_MAX_INFLIGHT renders run, LOCAL_QUEUE_MAX wait; the next page is shed at once with
// 503 + Retry-After (no unbounded wait), and a waiter past LOCAL_QUEUE_TIMEOUT_MS is shed too. Sheds, the
// queue length and waits are in /metrics.
import t from 'tap';
import { metricsText, startBusyLocalGateway } from '../helpers/gated-render.js';

t.test('queue full → 503 + Retry-After at once; the held pages still render', async (t) => {
  const { gateway, gated, held } = await startBusyLocalGateway(t, { queueMax: 1, queueTimeoutMs: 60_000 });
  const queued = fetch(`${gateway.url}/products/1002`);
  // Wait until the second page is in the queue (the gauge says so), then the third one has no room.
  while (!/ssr_local_queue_length 1/.test(await metricsText(gateway.adminUrl)));
  const shed = await fetch(`${gateway.url}/products/1003`);
  t.equal(shed.status, 503);
  t.equal(shed.headers.get('retry-after'), '1');
  t.equal(shed.headers.get('cache-control'), 'no-store');
  t.match(await shed.text(), /Temporarily unavailable/);
  const metrics = await metricsText(gateway.adminUrl);
  t.match(metrics, /ssr_local_shed_total\{reason="queue_full"\} 1/);
  gated.release();
  t.equal((await held).status, 200);
  t.equal((await queued).status, 200);
  t.match(await metricsText(gateway.adminUrl), /ssr_local_queue_wait_seconds_count 2/, 'two waits recorded: the held page (0 s) and the queued one');
});

t.test('a page that waits longer than LOCAL_QUEUE_TIMEOUT_MS is shed with 503', async (t) => {
  const { gateway, gated, held } = await startBusyLocalGateway(t, { queueMax: 10, queueTimeoutMs: 30 });
  const late = await fetch(`${gateway.url}/products/1002`);
  t.equal(late.status, 503);
  t.equal(late.headers.get('retry-after'), '1');
  await late.text();
  t.match(await metricsText(gateway.adminUrl), /ssr_local_shed_total\{reason="queue_timeout"\} 1/);
  gated.release();
  t.equal((await held).status, 200);
});
