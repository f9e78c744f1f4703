// An FC failure is visible in the trace: the FC client span is an error carrying the same reason code
// as the log line and ssr_fallbacks_total{reason}, and the local render that answered is its sibling
// under the offload decision, which says target=local, outcome=fallback.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { byName, SPAN_KIND, startOtlpReceiver } from '../helpers/otlp-receiver.js';

t.test('fallback trace', async (t) => {
  const receiver = await startOtlpReceiver(t);
  const gateway = await startGateway(t, { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, HEDGE_MS: '0' }, emulator: { faults: { errorRate: 1 } } });

  const response = await fetch(`${gateway.url}/products/1001`);
  t.equal(response.headers.get('x-render-by'), 'local');
  await response.text();

  const spans = await receiver.waitFor((all) => ['GET /*', 'ssr.offload', 'ssr.fc.render', 'ssr.local.render'].every((name) => all.some((s) => s.name === name)));
  t.equal(new Set(spans.map((s) => s.traceId)).size, 1, 'one trace for the page');
  const named = byName(spans);
  const offload = named.get('ssr.offload')!;
  const fc = named.get('ssr.fc.render')!;
  const local = named.get('ssr.local.render')!;
  t.match(offload.attributes, { 'ssr.target': 'local', 'ssr.outcome': 'fallback', 'ssr.reason': 'FC_5XX', 'ssr.policy': 'fc-first' });
  t.equal(fc.parentSpanId, offload.spanId);
  t.equal(fc.kind, SPAN_KIND.CLIENT);
  t.equal(fc.statusCode, 2, 'FC span is an error');
  t.match(fc.attributes, { 'ssr.reason': 'FC_5XX', 'error.type': 'FC_5XX' });
  t.equal(local.parentSpanId, offload.spanId, 'the local render is a sibling of the FC call');
  t.equal(local.kind, SPAN_KIND.INTERNAL);
  t.equal(local.attributes['http.response.status_code'], 200);
  t.ok(local.startNs >= fc.endNs, 'the local render started after FC failed');
  t.notOk(spans.some((s) => s.name === 'ssr.function.invoke'), 'FC answered 5xx before the function ran');
});
