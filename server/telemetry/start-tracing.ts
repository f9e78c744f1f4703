/**
 * Loads the OpenTelemetry SDK (dynamic imports: nothing is loaded unless an OTLP endpoint is configured)
 * and builds one tracer provider that batches spans to the OTLP/HTTP endpoint as JSON.
 *
 * The provider is kept per host, not installed as the process-wide tracer: the gateway passes its tracer
 * explicitly (several hosts in one test process each keep their own). What must be process-wide is the
 * context manager (AsyncLocalStorage), so `context.active()` follows a request through awaits
 * (https://opentelemetry.io/docs/languages/js/context/); the first host registers it.
 */
import type * as Api from '@opentelemetry/api';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TelemetryConfig } from './telemetry-config.js';

export interface Tracing {
  /** The `@opentelemetry/api` module (loaded with the SDK). */
  readonly api: typeof Api;
  readonly tracer: Api.Tracer;
  /** Parent context from W3C `traceparent`/`tracestate` headers (https://www.w3.org/TR/trace-context/). */
  extract(headers: Readonly<Record<string, string | string[] | undefined>>): Api.Context;
  /** Write `context`'s span as `traceparent`/`tracestate` into `headers`. */
  inject(context: Api.Context, headers: Record<string, string>): void;
  /** `{trace_id, span_id}` of the active span, for log lines; undefined outside a span. */
  logFields(): { trace_id: string; span_id: string } | undefined;
  /** Export every finished span now (tests; the built-in FC runtime before it answers). */
  forceFlush(): Promise<void>;
  /** Flush and stop exporting. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** `batch` (servers) or `simple` (export each span when it ends). Default batch. */
  processor?: 'batch' | 'simple';
  /** Install the AsyncLocalStorage context manager (servers: yes; the FC handler passes contexts explicitly). */
  contextManager?: boolean;
}

function samplerFor(config: TelemetryConfig, base: typeof import('@opentelemetry/sdk-trace-base')): Sampler {
  const ratio = new base.TraceIdRatioBasedSampler(config.samplerRatio);
  switch (config.sampler) {
    case 'always_on': return new base.AlwaysOnSampler();
    case 'always_off': return new base.AlwaysOffSampler();
    case 'traceidratio': return ratio;
    case 'parentbased_always_off': return new base.ParentBasedSampler({ root: new base.AlwaysOffSampler() });
    case 'parentbased_traceidratio': return new base.ParentBasedSampler({ root: ratio });
    case 'parentbased_always_on': return new base.ParentBasedSampler({ root: new base.AlwaysOnSampler() });
  }
}

/**
 * @example
 * const tracing = config.telemetry ? await startTracing(config.telemetry) : undefined;
 */
export async function startTracing(config: TelemetryConfig, options: StartTracingOptions = {}): Promise<Tracing> {
  const [api, core, resources, base, node, exporterModule] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
    options.contextManager === false ? undefined : import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
  ]);
  const exporter = new exporterModule.OTLPTraceExporter({ url: config.tracesEndpoint, headers: { ...config.headers }, timeoutMillis: config.timeoutMs });
  const processor: SpanProcessor = options.processor === 'simple'
    ? new base.SimpleSpanProcessor(exporter)
    : new base.BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000, exportTimeoutMillis: config.timeoutMs });
  const resource = resources.resourceFromAttributes({ ...config.resourceAttributes, 'service.name': config.serviceName });
  const providerOptions = { resource, sampler: samplerFor(config, base), spanProcessors: [processor] };
  const provider = node ? new node.NodeTracerProvider(providerOptions) : new base.BasicTracerProvider(providerOptions);
  // Only the context manager is process-wide; the propagator is used directly below, never through the global API.
  if (node) (provider as InstanceType<typeof node.NodeTracerProvider>).register({ propagator: null });
  const propagator = new core.W3CTraceContextPropagator();
  const getter: Api.TextMapGetter<Readonly<Record<string, string | string[] | undefined>>> = {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => carrier[key],
  };
  return {
    api,
    tracer: provider.getTracer('ssr-offload'),
    extract: (headers) => propagator.extract(api.ROOT_CONTEXT, headers, getter),
    inject: (context, headers) => propagator.inject(context, headers, api.defaultTextMapSetter),
    logFields() {
      const span = api.trace.getSpan(api.context.active());
      if (!span) return undefined;
      const { traceId, spanId } = span.spanContext();
      return { trace_id: traceId, span_id: spanId };
    },
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
