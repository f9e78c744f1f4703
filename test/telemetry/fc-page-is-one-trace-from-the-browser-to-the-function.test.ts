// With OTEL_EXPORTER_OTLP_ENDPOINT set, an FC-rendered page is one trace: the browser's traceparent is
// the parent of the gateway's server span → offload decision → FC client span → the function's own span
// inside the emulator (which runs the real built bundle, dist/function/index.mjs, and its tracing chunk).
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { byName, SPAN_KIND, startOtlpReceiver } from '../helpers/otlp-receiver.js';

const BROWSER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const BROWSER_SPAN = '00f067aa0ba902b7';

t.test('gateway and function spans form one trace', async (t) => {
  const receiver = await startOtlpReceiver(t);
  // The in-process emulator's function reads its environment as on FC.
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
  const gateway = await startGateway(t, { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, HEDGE_MS: '0', FC_TIMEOUT_MS: '10000' } });
  t.ok(gateway.tracing, 'tracing started');

  const response = await fetch(`${gateway.url}/products/1001`, { headers: { traceparent: `00-${BROWSER_TRACE}-${BROWSER_SPAN}-01` } });
  t.equal(response.status, 200);
  t.equal(response.headers.get('x-render-by'), 'fc');
  await response.text();

  const spans = await receiver.waitFor((all) => ['GET /*', 'ssr.offload', 'ssr.fc.render', 'ssr.function.invoke'].every((name) => all.some((s) => s.name === name)));
  t.ok(receiver.contentTypes().every((type) => type.startsWith('application/json')), 'OTLP/HTTP JSON on the wire');
  t.same([...new Set(spans.map((s) => s.traceId))], [BROWSER_TRACE], 'every span is in the browser\'s trace');
  const named = byName(spans);
  const server = named.get('GET /*')!;
  const offload = named.get('ssr.offload')!;
  const fc = named.get('ssr.fc.render')!;
  const fn = named.get('ssr.function.invoke')!;

  t.equal(server.parentSpanId, BROWSER_SPAN, 'server span continues the incoming traceparent');
  t.equal(server.kind, SPAN_KIND.SERVER);
  t.equal(server.service, 'ssr-offload-gateway');
  t.equal(server.attributes['http.response.status_code'], 200);
  t.equal(server.attributes['http.route'], '/*');

  t.equal(offload.parentSpanId, server.spanId, 'decision is a child of the request');
  t.match(offload.attributes, { 'ssr.policy': 'fc-first', 'ssr.target': 'fc', 'ssr.outcome': 'ok' });

  t.equal(fc.parentSpanId, offload.spanId, 'FC call is a child of the decision');
  t.equal(fc.kind, SPAN_KIND.CLIENT);
  t.equal(fc.attributes['ssr.target'], 'fc-http');
  t.equal(fc.attributes['http.response.status_code'], 200, `FC answered (${String(fc.attributes['ssr.reason'] ?? 'ok')})`);

  t.equal(fn.parentSpanId, fc.spanId, 'the function continues the FC client span (traceparent forwarded)');
  t.equal(fn.kind, SPAN_KIND.SERVER);
  t.equal(fn.service, 'ssr-offload-function');
  t.equal(fn.attributes['url.path'], '/products/1001');
  t.type(fn.attributes['faas.invocation_id'], 'string');
  t.notOk(spans.some((s) => s.name === 'ssr.local.render'), 'no local render for an FC page');
});
