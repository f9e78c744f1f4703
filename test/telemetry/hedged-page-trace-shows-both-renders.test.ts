// A hedged page's trace shows both paths: the FC call and the local render the hedge started HEDGE_MS
// later are siblings under the decision (hedge=local, outcome=hedge), and the FC call that lost still
// ends in the same trace, with the function's own span under it.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { byName, startOtlpReceiver } from '../helpers/otlp-receiver.js';

t.test('hedge trace', async (t) => {
  const receiver = await startOtlpReceiver(t);
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
  const gateway = await startGateway(t, {
    // Event-loop lag on a loaded test machine must not refuse the hedge.
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, HEDGE_MS: '50', FC_TIMEOUT_MS: '10000', LOCAL_MAX_EVENT_LOOP_DELAY_MS: '60000' },
    emulator: { faults: { latencyMs: 1500 } },
  });

  const response = await fetch(`${gateway.url}/products/1001`);
  t.equal(response.headers.get('x-render-by'), 'local', 'the hedge answered');
  await response.text();

  const spans = await receiver.waitFor((all) => ['ssr.offload', 'ssr.fc.render', 'ssr.local.render', 'ssr.function.invoke', 'GET /*'].every((name) => all.some((s) => s.name === name)));
  t.equal(new Set(spans.map((s) => s.traceId)).size, 1, 'one trace, the losing FC call included');
  const named = byName(spans);
  const offload = named.get('ssr.offload')!;
  const fc = named.get('ssr.fc.render')!;
  const local = named.get('ssr.local.render')!;
  const fn = named.get('ssr.function.invoke')!;
  t.match(offload.attributes, { 'ssr.target': 'local', 'ssr.outcome': 'hedge', 'ssr.hedge': 'local' });
  t.equal(fc.parentSpanId, offload.spanId);
  t.equal(local.parentSpanId, offload.spanId);
  t.ok(local.startNs - fc.startNs >= 50_000_000n, 'the local render started HEDGE_MS after the FC call');
  t.ok(fc.endNs > local.endNs, 'the FC call finished after the hedge won');
  t.equal(fc.attributes['http.response.status_code'], 200, 'the losing FC call still succeeded (the breaker learns FC is healthy)');
  t.equal(fn.parentSpanId, fc.spanId, 'the function continues the losing call');
});
