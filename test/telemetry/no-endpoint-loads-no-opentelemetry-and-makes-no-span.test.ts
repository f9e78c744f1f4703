// Tracing costs nothing when no OTLP endpoint is set: a gateway serving FC pages, fallbacks and hedges
// imports no OpenTelemetry SDK module (every ESM resolution is recorded by a module hook; require.cache
// holds the CommonJS ones), registers nothing with the OpenTelemetry API, and sends no span. The one
// OpenTelemetry package present is @opentelemetry/api itself, which prom-client requires for exemplars
// (a no-op without an SDK).
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import t from 'tap';

const resolved: string[] = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url: string) => resolved.push(url));
port1.unref();
register('../fixtures/record-resolved-modules.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });

const { startGateway } = await import('../helpers/gateway.js');
const { startOtlpReceiver } = await import('../helpers/otlp-receiver.js');

t.test('pages without an endpoint', async (t) => {
  const receiver = await startOtlpReceiver(t);
  // OTEL_SERVICE_NAME alone does not turn tracing on; only an endpoint does.
  const gateway = await startGateway(t, { env: { OTEL_SERVICE_NAME: 'quiet', HEDGE_MS: '0', FC_TIMEOUT_MS: '10000' } });
  t.equal(gateway.tracing, undefined, 'no tracing without an endpoint');

  const ok = await fetch(`${gateway.url}/products/1001`, { headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } });
  t.equal(ok.headers.get('x-render-by'), 'fc');
  await ok.text();
  gateway.fc!.setFaults({ errorRate: 1 });
  const fallback = await fetch(`${gateway.url}/products/1002`);
  t.equal(fallback.headers.get('x-render-by'), 'local');
  await fallback.text();
  // Let any pending module resolution message arrive (the hook thread posts asynchronously).
  await new Promise((resolve) => setImmediate(resolve));

  const otel = resolved.filter((url) => url.includes('/@opentelemetry/'));
  t.same(otel, [], 'no @opentelemetry module was imported');
  t.ok(resolved.some((url) => url.includes('/server/gateway')), 'the module hook saw the gateway being imported');
  const require = createRequire(import.meta.url);
  const commonJs = Object.keys(require.cache).filter((file) => file.includes('/@opentelemetry/'));
  t.same(commonJs.filter((file) => !file.includes('/@opentelemetry/api/')), [], 'no CommonJS OpenTelemetry module beyond the API');
  const registered = (globalThis as Record<symbol, Record<string, unknown> | undefined>)[Symbol.for('opentelemetry.js.api.1')];
  t.same(Object.keys(registered ?? {}).filter((key) => key !== 'version'), [], 'no tracer provider, context manager or propagator registered');
  t.same(receiver.spans(), [], 'no span was sent anywhere');
});
