// The FC custom runtime (ROLE=function, the recommended deployment) continues the gateway's trace: its
// server span for the page is a child of the gateway's FC client span, in the same trace.
import t from 'tap';
import { buildCustomRuntime } from '../../functions/custom-runtime.js';
import { loadConfig } from '../../server/config.js';
import { startTracing } from '../../server/telemetry/start-tracing.js';
import { SITE_ORIGIN, startGateway } from '../helpers/gateway.js';
import { byName, SPAN_KIND, startOtlpReceiver } from '../helpers/otlp-receiver.js';

t.test('custom runtime span is a child of the FC call', async (t) => {
  const receiver = await startOtlpReceiver(t);
  const config = loadConfig({ ROLE: 'function', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', SITE_ORIGIN, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
  const tracing = await startTracing(config.telemetry!);
  t.teardown(() => tracing.shutdown());
  const runtime = buildCustomRuntime(config, { tracing });
  t.teardown(() => runtime.close());
  const fcUrl = await runtime.listen({ host: '127.0.0.1', port: 0 });
  const gateway = await startGateway(t, { emulator: false, env: { FC_URL: fcUrl, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, HEDGE_MS: '0', FC_TIMEOUT_MS: '5000' } });

  const response = await fetch(`${gateway.url}/products/1001`);
  t.equal(response.headers.get('x-render-by'), 'fc');
  await response.text();

  const spans = await receiver.waitFor((all) => all.filter((s) => s.name === 'GET /*').length === 2 && all.some((s) => s.name === 'ssr.fc.render'));
  const fc = byName(spans).get('ssr.fc.render')!;
  const functionSpan = spans.find((s) => s.name === 'GET /*' && s.service === 'ssr-offload-function');
  t.ok(functionSpan, 'the custom runtime sent its server span');
  t.equal(functionSpan!.kind, SPAN_KIND.SERVER);
  t.equal(functionSpan!.traceId, fc.traceId, 'same trace');
  t.equal(functionSpan!.parentSpanId, fc.spanId, 'child of the gateway\'s FC client span');
  t.equal(functionSpan!.attributes['http.response.status_code'], 200);
});
