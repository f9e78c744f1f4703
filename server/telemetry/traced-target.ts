/**
 * A RenderTarget wrapped from outside (like the breaker) so each call is a span: a client span for a
 * remote target (FC, the renderer Service), an internal one for the in-process render. A remote call's
 * `traceparent` is rewritten to the client span's own context, so the function's server span is a
 * child of this call, not of the gateway's request (W3C Trace Context, https://www.w3.org/TR/trace-context/).
 * Failures carry the same FailureReason string as the log line and `ssr_fallbacks_total{reason}`.
 */
import type { RenderResult } from '../render-contract.js';
import { classifyFailure } from '../offload/classify-failure.js';
import type { RenderCall, RenderTarget } from '../offload/render-target.js';
import { ATTR } from './span-names.js';
import type { Tracing } from './start-tracing.js';

export interface TracedTargetOptions {
  /** Span name (SPAN.FC_CALL, SPAN.LOCAL_RENDER, SPAN.FALLBACK_CALL). */
  span: string;
  /** `client` for targets across the network (context forwarded), `internal` for the in-process render. */
  kind: 'client' | 'internal';
}

/**
 * @example
 * const fc = tracedTarget(tracing, createHttpPageTarget({ name: 'fc-http', … }), { span: SPAN.FC_CALL, kind: 'client' });
 */
export function tracedTarget(tracing: Tracing, target: RenderTarget, { span: name, kind }: TracedTargetOptions): RenderTarget {
  const { api, tracer } = tracing;
  const spanKind = kind === 'client' ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL;
  return {
    name: target.name,
    inflight: () => target.inflight(),
    close: () => target.close(),
    render: (call: RenderCall): Promise<RenderResult> =>
      tracer.startActiveSpan(name, { kind: spanKind, attributes: { [ATTR.TARGET]: target.name } }, async (span) => {
        let traced = call;
        if (kind === 'client') {
          const forwardHeaders: Record<string, string> = { ...call.forwardHeaders };
          delete forwardHeaders.traceparent;
          delete forwardHeaders.tracestate;
          tracing.inject(api.context.active(), forwardHeaders);
          traced = { ...call, forwardHeaders };
        }
        try {
          const result = await target.render(traced);
          span.setAttribute(ATTR.HTTP_STATUS, result.status);
          return result;
        } catch (error) {
          const reason = classifyFailure(error);
          span.setAttributes({ [ATTR.REASON]: reason, [ATTR.ERROR_TYPE]: reason });
          span.setStatus({ code: api.SpanStatusCode.ERROR, message: (error as Error)?.message });
          throw error;
        } finally {
          span.end();
        }
      }),
  };
}
