/**
 * The one interface every render target implements (in-process render, FC over HTTP, FC through the
 * SDK, the renderer Service). The offload policy only talks to this interface; the breaker wraps a
 * target from outside.
 */
import type { RenderRequest, RenderResult } from '../render-contract.js';

export interface RenderCall {
  /** What the page depends on: URL and the render headers (never credentials). */
  readonly renderRequest: RenderRequest;
  /** Tracing and proxy headers for HTTP targets (`x-request-id`, `traceparent`, `x-forwarded-*`…). */
  readonly forwardHeaders: Readonly<Record<string, string>>;
  /** Aborted when the client goes away: the target should stop waiting. */
  readonly signal: AbortSignal;
}

export interface RenderTarget {
  /** Label for logs and metrics. */
  readonly name: string;
  /** Renders or throws (an `UpstreamFailureError` for known upstream failures). */
  render(call: RenderCall): Promise<RenderResult>;
  /** Renders in progress right now (for load-aware decisions). */
  inflight(): number;
  close(): Promise<void>;
}

/** Count in-flight calls around any async render function. */
export function countingInflight(render: (call: RenderCall) => Promise<RenderResult>) {
  let inflight = 0;
  return {
    inflight: () => inflight,
    render: async (call: RenderCall): Promise<RenderResult> => {
      inflight += 1;
      try {
        return await render(call);
      } finally {
        inflight -= 1;
      }
    },
  };
}
