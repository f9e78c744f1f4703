/**
 * Direct-invoke adapter (SDK transport, `InvokeFunction`): the gateway sends the JSON payload
 * `{"url": "/path?q", "headers": {...}}` and reads back `{"status", "headers", "html"}`
 * (docs/functions.md "Gateway → function wire format"). Pure converters only.
 */
import type { RenderRequest, RenderResult } from '../server/render-contract.js';
import { BadEventError } from '../server/errors.js';

/** What the gateway's SDK transport sends. */
export interface InvokePayload {
  /** Path plus query, already encoded, starting with `/`. */
  url: string;
  headers?: Record<string, string>;
}

/** What the function answers to a direct invoke (the render contract's RenderResult, as JSON). */
export interface InvokeAnswer {
  status: number;
  headers: Record<string, string>;
  html: string;
}

/**
 * Direct-invoke payload → RenderRequest. Throws `SSR_ERR_BAD_EVENT` (400) when `url` is missing or not a
 * path, or a header value is not a string. Header names are lower-cased.
 *
 * @example
 * toRenderRequest({ url: '/products/1001', headers: { 'Accept-Language': 'en' } });
 * // { url: '/products/1001', headers: { 'accept-language': 'en' } }
 */
export function toRenderRequest(payload: unknown): RenderRequest {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new BadEventError('payload must be a JSON object');
  const { url, headers = {} } = payload as Record<string, unknown>;
  if (typeof url !== 'string' || !url.startsWith('/')) throw new BadEventError('payload.url must be a path starting with /');
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) throw new BadEventError('payload.headers must be an object');
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw new BadEventError(`payload.headers.${name} must be a string`);
    lowered[name.toLowerCase()] = value;
  }
  return { url, headers: lowered };
}

/**
 * RenderResult → direct-invoke answer (FC serialises the returned object as JSON).
 *
 * @example
 * toInvokeAnswer(await render(request)); // { status: 200, headers: {...}, html: '<!DOCTYPE html>…' }
 */
export function toInvokeAnswer(result: RenderResult): InvokeAnswer {
  return { status: result.status, headers: { ...result.headers }, html: result.html };
}
