/**
 * Every coded error ssr-offload raises, in one file (Fastify's `lib/errors.js` pattern), and the closed
 * set of reasons a render falls back from FC to local. Codes are part of the public surface: each one is
 * listed in the README's error table, and a test fails when one is missing there.
 *
 * Fastify-free on purpose: the FC function bundle imports it.
 */
import createError from '@fastify/error';

/**
 * Invalid environment variable at start-up. The first argument is the variable's name, so the message
 * reads `FC_TIMEOUT_MS must be …`; entry points print it after the code (`SSR_ERR_CONFIG: FC_TIMEOUT_MS …`).
 */
export const ConfigError = createError('SSR_ERR_CONFIG', '%s %s', 500);

/** The request URL cannot be parsed or normalised (bad percent-encoding, control characters, too long). */
export const BadRequestUrlError = createError('SSR_ERR_BAD_URL', 'Malformed request URL: %s', 400);

/** Pages answer only GET and HEAD. */
export const MethodNotAllowedError = createError('SSR_ERR_METHOD', 'Method %s is not allowed on pages', 405);

/** A request that cannot be read as HTTP or whose body is malformed (bad request line, bad JSON…). */
export const BadRequestError = createError('SSR_ERR_BAD_REQUEST', 'Malformed request: %s', 400);

/** Nothing is served at this address (no route, a file-like path that is not an asset). */
export const NotFoundError = createError('SSR_ERR_NOT_FOUND', 'Not found', 404);

/** The request (head or body) did not arrive in time: HTTP_HEADERS_TIMEOUT_MS, or PROXY_TIMEOUT_MS for a proxied body. */
export const RequestTimeoutError = createError('SSR_ERR_REQUEST_TIMEOUT', 'Request not received in time: %s', 408);

/** A request body over the route's limit (PROXY_BODY_LIMIT_BYTES on proxied routes). */
export const BodyTooLargeError = createError('SSR_ERR_BODY_TOO_LARGE', 'Request body over %s bytes', 413);

/** A request body of a type the route does not take. */
export const MediaTypeError = createError('SSR_ERR_MEDIA_TYPE', 'Unsupported media type', 415);

/** The request head is larger than Node's `maxHeaderSize`. */
export const HeadersTooLargeError = createError('SSR_ERR_HEADERS_TOO_LARGE', 'Request headers too large', 431);

/** A proxied upstream (PROXY_ROUTES) could not be reached or broke off its answer. */
export const ProxyUpstreamError = createError('SSR_ERR_PROXY_UPSTREAM', 'Proxied upstream failed: %s', 502);

/** A proxied upstream did not answer within PROXY_TIMEOUT_MS. */
export const ProxyTimeoutError = createError('SSR_ERR_PROXY_TIMEOUT', 'Proxied upstream did not answer in time', 504);

/** No site claims the request's Host (SITES_FILE, SITES_LOOKUP_URL): nothing is rendered, nothing is called. */
export const SiteNotFoundError = createError('SSR_ERR_SITE_NOT_FOUND', 'No site for host %s', 404);

/**
 * SITES_LOOKUP_URL could not be asked about this host (down, slow, garbage) and no earlier answer is kept:
 * the host may well exist, so it is a 503 to retry, not a 404 a crawler would drop the page for.
 */
export const SiteLookupError = createError('SSR_ERR_SITE_LOOKUP', 'Site lookup failed: %s', 503);

/** An unexpected error in the server itself (a bug); logged with its stack, never shown. */
export const InternalError = createError('SSR_ERR_INTERNAL', 'Internal error: %s', 500);

/** An FC event or direct-invoke payload that cannot be translated into a RenderRequest. */
export const BadEventError = createError('SSR_ERR_BAD_EVENT', 'Malformed FC event: %s', 400);

/** The render itself threw (a bug, not a data-load failure, which renders the 500 page). */
export const RenderFailedError = createError('SSR_ERR_RENDER', 'Render failed: %s', 500);

/** Neither FC nor the local fallback produced a page. */
export const NoHealthyRendererError = createError('SSR_ERR_NO_RENDERER', 'No healthy renderer: %s', 503);

/**
 * A render the cache shares between requests for one page did not finish within its budget (FC deadline
 * plus fallback deadline): the page's key is freed for a new render and waiting requests get a stale copy
 * or the 503 page.
 */
export const RenderBudgetError = createError('SSR_ERR_RENDER_BUDGET', 'Shared render of %s took longer than %d ms', 503);

/**
 * The local render queue is full (LOCAL_QUEUE_MAX) or this request waited longer than LOCAL_QUEUE_TIMEOUT_MS
 * for a render slot: the page is shed (reason `LOCAL_SHED`) so the pod answers at once (a stale copy, else
 * 503 + Retry-After) instead of queueing without bound. `why` says which bound was hit.
 */
export class LocalQueueFullError extends Error {
  readonly code = 'SSR_ERR_LOCAL_SHED';
  readonly statusCode = 503;
  readonly reason = 'LOCAL_SHED' satisfies FailureReason;
  constructor(readonly why: 'queue_full' | 'queue_timeout', detail: string) {
    super(`Local render shed (${why}): ${detail}`);
    this.name = 'LocalQueueFullError';
  }
}

/**
 * A render target (FC, or the renderer Service behind FALLBACK_URL) did not produce a usable page.
 * `reason` is one of FAILURE_REASONS: it drives the fallback, the log line and the metric label.
 */
export class UpstreamFailureError extends Error {
  readonly code = 'SSR_ERR_UPSTREAM';
  readonly statusCode = 502;
  constructor(readonly reason: FailureReason, detail: string, options?: ErrorOptions) {
    super(`Render upstream failed (${reason}): ${detail}`, options);
    this.name = 'UpstreamFailureError';
  }
}

/** Every error code above, for the documentation test. */
export const ERROR_CODES = [
  'SSR_ERR_CONFIG',
  'SSR_ERR_BAD_URL',
  'SSR_ERR_METHOD',
  'SSR_ERR_BAD_EVENT',
  'SSR_ERR_RENDER',
  'SSR_ERR_NO_RENDERER',
  'SSR_ERR_RENDER_BUDGET',
  'SSR_ERR_UPSTREAM',
  'SSR_ERR_BAD_REQUEST',
  'SSR_ERR_NOT_FOUND',
  'SSR_ERR_REQUEST_TIMEOUT',
  'SSR_ERR_BODY_TOO_LARGE',
  'SSR_ERR_MEDIA_TYPE',
  'SSR_ERR_HEADERS_TOO_LARGE',
  'SSR_ERR_PROXY_UPSTREAM',
  'SSR_ERR_PROXY_TIMEOUT',
  'SSR_ERR_INTERNAL',
  'SSR_ERR_LOCAL_SHED',
  'SSR_ERR_SITE_NOT_FOUND',
  'SSR_ERR_SITE_LOOKUP',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Why a render left FC for the local path. One classifier produces these; the same string labels the
 * log line, the `ssr_fallbacks_total{reason}` metric and the fallback decision.
 */
export const FAILURE_REASONS = [
  /** No answer within FC_TIMEOUT_MS (also the SDK's read/connect timeouts). */
  'FC_TIMEOUT',
  'FC_THROTTLED',
  'FC_5XX',
  'FC_FUNCTION_ERROR',
  'FC_RESET',
  'FC_MALFORMED',
  /** Connection refused, DNS failure, connect timeout: FC was never reached. */
  'FC_UNREACHABLE',
  /** FC's API refused the call (SDK: 401/403 signature or permission, 404 FunctionNotFound, 400). */
  'FC_REJECTED',
  /** Anything not recognised above (logged with the error, so the classifier can learn it). */
  'FC_ERROR',
  /**
   * FC answers, but too slowly to be worth waiting for: more than BREAKER_SLOW_CALL_PERCENT % of recent calls
   * took longer than BREAKER_SLOW_CALL_MS, a half-open trial was that slow, or FC answered nothing at all
   * during the hedge delays of BREAKER_CONSECUTIVE_FAILURES calls in a row (a stall).
   */
  'FC_SLOW',
  'BREAKER_OPEN',
  /** The local render queue was full or its wait bound passed (LocalQueueFullError). */
  'LOCAL_SHED',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
