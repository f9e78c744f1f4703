/**
 * Span names and attribute keys, in one place like the metric names (server/gateway-metrics.ts): a
 * trace backend's saved queries and dashboards depend on them. Attribute values are the same strings
 * the access log and the metrics use (`target`, `outcome`, the FailureReason codes), so one search term
 * finds a page in all three. Standard keys follow the OpenTelemetry semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/http/http-spans/).
 *
 * OpenTelemetry-free: importing this file loads no SDK.
 */

export const SPAN = {
  /** The offload decision for one page: which target rendered it and why (internal, child of the server span). */
  OFFLOAD: 'ssr.offload',
  /** One call to an FC target (client span; its context is the `traceparent` FC receives). */
  FC_CALL: 'ssr.fc.render',
  /** The in-process render (fallback, hedge, local-first, local-only). */
  LOCAL_RENDER: 'ssr.local.render',
  /** One call to the renderer Service behind FALLBACK_URL (client span). */
  FALLBACK_CALL: 'ssr.fallback.render',
  /** The function's side of an FC call (built-in runtime handler; server span continuing the gateway's trace). */
  FUNCTION_INVOKE: 'ssr.function.invoke',
} as const;

/** Semantic-conventions name of an HTTP server span: `{method} {route}`. */
export function serverSpanName(method: string, route: string | undefined): string {
  return route ? `${method} ${route}` : method;
}

export const ATTR = {
  /** Site name from the configuration (bounded; never a raw Host). */
  SITE: 'ssr.site',
  /** The target: `fc` | `local` | `cache` on the decision span; the target's configured name on a call span. */
  TARGET: 'ssr.target',
  POLICY: 'ssr.policy',
  /** `ok` | `fallback` | `hedge` | `spill` | `stale` | `error` (as the access log and `ssr_page_duration_seconds`). */
  OUTCOME: 'ssr.outcome',
  /** FailureReason code (`FC_TIMEOUT`, `BREAKER_OPEN`…), as `ssr_fallbacks_total{reason}`. */
  REASON: 'ssr.reason',
  /** Render-cache result (`hit`, `miss`, `stale`, `bypass`…) once a cache sits in front of the policy. */
  CACHE: 'ssr.cache',
  /** `fc` | `local` (who won a hedge) | `refused` (no local headroom). */
  HEDGE: 'ssr.hedge',
  // Semantic conventions.
  HTTP_METHOD: 'http.request.method',
  HTTP_ROUTE: 'http.route',
  HTTP_STATUS: 'http.response.status_code',
  URL_PATH: 'url.path',
  URL_FULL: 'url.full',
  ERROR_TYPE: 'error.type',
  FAAS_INVOCATION_ID: 'faas.invocation_id',
  FAAS_COLDSTART: 'faas.coldstart',
} as const;
