/**
 * The one place that turns whatever a render upstream threw into a FailureReason (in the style of
 * reply-from's `err.code` mapping). The same string labels the log line, the metric and the fallback.
 */
import { LocalQueueFullError, UpstreamFailureError, type FailureReason } from '../errors.js';

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_ABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  cause?: unknown;
}

function reasonOf(error: ErrorLike): FailureReason | undefined {
  if (error instanceof UpstreamFailureError) return error.reason;
  if (error instanceof LocalQueueFullError) return 'LOCAL_SHED';
  const code = typeof error.code === 'string' ? error.code : '';
  // opossum's own errors
  if (code === 'EOPENBREAKER') return 'BREAKER_OPEN';
  if (error.name === 'TimeoutError' || TIMEOUT_CODES.has(code)) return 'FC_TIMEOUT';
  // @alicloud/openapi-core: RequestTimeoutError, ThrottlingError, ClientError (4xx), ServerError (5xx)
  if (error.name === 'RequestTimeoutError') return 'FC_TIMEOUT';
  if (error.name === 'ThrottlingError' || error.statusCode === 429) return 'FC_THROTTLED';
  if (error.name === 'ServerError' || (typeof error.statusCode === 'number' && error.statusCode >= 500)) return 'FC_5XX';
  if (error.name === 'ClientError') return 'FC_REJECTED';
  if (UNREACHABLE_CODES.has(code)) return 'FC_UNREACHABLE';
  if (RESET_CODES.has(code)) return 'FC_RESET';
  // llhttp rejected the bytes: not HTTP at all.
  if (code.startsWith('HPE_') || code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return 'FC_MALFORMED';
  if (error.name === 'SyntaxError') return 'FC_MALFORMED';
  return undefined;
}

/**
 * @example
 * classifyFailure(new DOMException('signal timed out', 'TimeoutError')); // 'FC_TIMEOUT'
 */
export function classifyFailure(error: unknown): FailureReason {
  let current: unknown = error;
  // undici and the SDK wrap the socket error one or two levels down.
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const reason = reasonOf(current as ErrorLike);
    if (reason) return reason;
    current = (current as ErrorLike).cause;
  }
  return 'FC_ERROR';
}
