/**
 * FC 3.0 HTTP-trigger adapter for the built-in Node.js runtime: the event FC hands the handler, the struct
 * the handler hands back, and the two pure converters between them and the render contract.
 * Formats: docs/sources.md#fc-http-trigger-event (event), #fc-response-struct (response), #fc-context (context);
 * https://www.alibabacloud.com/help/en/functioncompute/fc/http-trigger-invoking-function
 */
import type { RenderRequest, RenderResult } from '../server/render-contract.js';
import { BadEventError, MethodNotAllowedError } from '../server/errors.js';

/** The HTTP-trigger event of FC 3.0 built-in runtimes (arrives as a Buffer of this JSON). */
export interface FcHttpTriggerEvent {
  version?: string;
  /** Already URL-encoded path, e.g. `/search/%E9%9E%8B`. `requestContext.http.path` is the decoded one. */
  rawPath: string;
  body?: string;
  isBase64Encoded?: boolean;
  /** Repeated headers arrive as one comma-joined value. */
  headers?: Record<string, string>;
  /** Repeated keys arrive as one comma-joined value; there is no raw query string. */
  queryParameters?: Record<string, string>;
  requestContext: {
    accountId?: string;
    domainName?: string;
    domainPrefix?: string;
    http: { method: string; path?: string; protocol?: string; sourceIp?: string; userAgent?: string };
    requestId?: string;
    time?: string;
    timeEpoch?: string;
    triggerId?: string;
  };
}

/** The `context` argument of a built-in runtime handler (the fields we may read). */
export interface FcContext {
  requestId: string;
  region?: string;
  accountId?: string;
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  function?: { name: string; handler: string; memory: number; timeout: number };
  service?: { logProject?: string; logStore?: string; qualifier?: string; versionId?: string };
  logger?: { info(...args: unknown[]): void; warn(...args: unknown[]): void; error(...args: unknown[]): void };
}

/** What a handler returns to an HTTP trigger (Go SDK `HTTPTriggerResponse`). */
export interface FcHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  isBase64Encoded: boolean;
  body: string;
}

/** A request converted from an event, plus what the response converter must know about it. */
export interface TriggerRequest {
  request: RenderRequest;
  /** HEAD: the response carries the headers but an empty body. */
  head: boolean;
}

const PAGE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Headers that carry credentials or FC internals: a render never needs them (FC may add `x-fc-*` with
 * the function role's temporary keys, docs/sources.md#fc-custom-runtime).
 */
const DROPPED_REQUEST_HEADER = /^(x-fc-|authorization$|proxy-authorization$)/;

/**
 * Response headers FC does not let a function set (docs/sources.md#fc-response-struct); FC computes the framing ones.
 */
const RESERVED_RESPONSE_HEADER = /^(x-fc-|connection$|content-length$|date$|keep-alive$|server$|transfer-encoding$|content-disposition$)/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new BadEventError(`${field} must be an object`);
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw new BadEventError(`${field}.${key} must be a string`);
    map[key] = entry;
  }
  return map;
}

/** `rawPath` is documented as encoded; anything left unencoded (non-ASCII, spaces) is encoded here. */
function encodedPath(rawPath: unknown): string {
  if (typeof rawPath !== 'string' || !rawPath.startsWith('/')) throw new BadEventError('rawPath must be a path starting with /');
  if (/[?#]/.test(rawPath)) throw new BadEventError('rawPath must not contain a query or fragment');
  try {
    return rawPath.replace(/[^\x21-\x7e]+/gu, (run) => encodeURIComponent(run));
  } catch (error) {
    throw new BadEventError('rawPath is not valid UTF-16', { cause: error });
  }
}

/** True when `value` looks like an HTTP-trigger event (as opposed to a direct-invoke payload). */
export function isHttpTriggerEvent(value: unknown): boolean {
  return isRecord(value) && ('rawPath' in value || 'requestContext' in value);
}

/**
 * Decode the request body (base64 when `isBase64Encoded`). Pages take no body, so the render never sees
 * it; exported for completeness and for hosts that might.
 */
export function eventBody(event: Pick<FcHttpTriggerEvent, 'body' | 'isBase64Encoded'>): Buffer {
  if (typeof event.body !== 'string') return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

/**
 * FC 3.0 HTTP-trigger event → RenderRequest. Throws `SSR_ERR_BAD_EVENT` (400) for anything that is not a
 * well-formed event and `SSR_ERR_METHOD` (405) for methods other than GET/HEAD; never returns half-parsed.
 *
 * Known loss: FC hands us `queryParameters` as a map whose repeated keys are comma-joined
 * (`?tag=a&tag=b` → `{tag: "a,b"}`) and gives no raw query string, so the rebuilt query loses the order
 * of keys and the difference between a repeated key and one value containing a comma. Repeated headers
 * are comma-joined the same way (cookies included: one `cookie` header). Pages that must see the exact
 * query should be served by the custom runtime, which receives the raw HTTP request.
 *
 * @example
 * const { request, head } = toRenderRequest(JSON.parse(event.toString('utf8')));
 * // request = { url: '/search?q=a%26b', headers: { 'accept-language': 'en' } }
 */
export function toRenderRequest(event: unknown): TriggerRequest {
  if (!isRecord(event)) throw new BadEventError('event must be a JSON object');
  const context = event.requestContext;
  const method = isRecord(context) && isRecord(context.http) ? context.http.method : undefined;
  if (typeof method !== 'string' || method === '') throw new BadEventError('requestContext.http.method is missing');
  const path = encodedPath(event.rawPath);
  const upper = method.toUpperCase();
  if (!PAGE_METHODS.has(upper)) throw new MethodNotAllowedError(upper);
  // URLSearchParams encodes each value, so a value containing `&` or `=` keeps its meaning.
  const query = new URLSearchParams(stringMap(event.queryParameters, 'queryParameters')).toString();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(stringMap(event.headers, 'headers'))) {
    const lower = name.toLowerCase();
    if (!DROPPED_REQUEST_HEADER.test(lower)) headers[lower] = value;
  }
  return { request: { url: query === '' ? path : `${path}?${query}`, headers }, head: upper === 'HEAD' };
}

/**
 * RenderResult → the struct FC turns into the HTTP response. HEAD gets an empty body; headers FC
 * reserves (content-length, date, x-fc-*, …) are left out so FC never rejects the answer.
 *
 * @example
 * return toFcResponse(await render(request), { head });
 * // { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, isBase64Encoded: false, body: '<!DOCTYPE html>…' }
 */
export function toFcResponse(result: RenderResult, { head = false }: { head?: boolean } = {}): FcHttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers)) {
    const lower = name.toLowerCase();
    if (!RESERVED_RESPONSE_HEADER.test(lower)) headers[lower] = value;
  }
  return { statusCode: result.status, headers, isBase64Encoded: false, body: head ? '' : result.html };
}
