/**
 * The function's half of a trace (built-in runtime): one server span per invocation whose parent is the
 * `traceparent` the gateway's FC call sent, so the gateway's trace continues inside FC. Loaded by
 * handler.ts with a dynamic import only when an OTLP endpoint is configured; the bundler puts it (and
 * the OpenTelemetry SDK) in a separate chunk, so `index.mjs` stays small and loads none of it otherwise.
 *
 * Spans are flushed before the invocation answers: FC freezes an idle instance between requests and
 * has no PreFreeze hook in FC 3.0 (https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/lifecycle-hooks-for-function-instances),
 * so a batch left for later could sit unsent until the instance is reused or destroyed.
 */
import type { RenderRequest, RenderResult } from '../server/render-contract.js';
import { ATTR, SPAN } from '../server/telemetry/span-names.js';
import { startTracing } from '../server/telemetry/start-tracing.js';
import type { TelemetryConfig } from '../server/telemetry/telemetry-config.js';
import type { FcContext } from './fc-event.js';
import type { TraceInvocation } from './invocation.js';

/**
 * @example
 * const trace = await startFunctionTracing(config.telemetry);
 * const result = await trace(request, context, () => render(request));
 */
export async function startFunctionTracing(config: TelemetryConfig): Promise<TraceInvocation> {
  const tracing = await startTracing(config, { contextManager: false });
  const { api, tracer } = tracing;
  let coldStart = true;
  return async function traceInvocation(request: RenderRequest, context: FcContext | undefined, render: () => Promise<RenderResult>): Promise<RenderResult> {
    const span = tracer.startSpan(SPAN.FUNCTION_INVOKE, {
      kind: api.SpanKind.SERVER,
      attributes: {
        [ATTR.URL_PATH]: request.url.split('?', 1)[0]!,
        [ATTR.FAAS_COLDSTART]: coldStart,
        ...(context?.requestId ? { [ATTR.FAAS_INVOCATION_ID]: context.requestId } : {}),
      },
    }, tracing.extract(request.headers));
    coldStart = false;
    try {
      const result = await render();
      span.setAttribute(ATTR.HTTP_STATUS, result.status);
      if (result.status >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR });
      return result;
    } catch (error) {
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
      // Never fail or hold the page for telemetry beyond the exporter's own timeout.
      await tracing.forceFlush().catch(() => undefined);
    }
  };
}
