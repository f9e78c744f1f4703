/**
 * What a page answer from an HTTP upstream (FC's HTTP trigger, the renderer Service) must look like
 * before the gateway serves it, and which of its headers may reach the client. Pure functions.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { UpstreamFailureError } from '../errors.js';

/** RFC 9110 §7.6.1 connection-specific headers, plus what Node recomputes. */
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'content-length', 'date',
]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Throw an `UpstreamFailureError` unless the status and headers are a page the app produced.
 * A 404/410/301 page is a success: it is the app's answer, not an FC failure.
 */
export function assertPageHead(status: number, headers: IncomingHttpHeaders): void {
  // FC answers a function crash with 502 (HTTP trigger) or 200 (InvokeFunction) plus this header.
  const errorType = headers['x-fc-error-type'];
  if (errorType) throw new UpstreamFailureError('FC_FUNCTION_ERROR', `x-fc-error-type: ${String(errorType)} (status ${status})`);
  if (status === 429) throw new UpstreamFailureError('FC_THROTTLED', 'status 429');
  if (status >= 500) throw new UpstreamFailureError('FC_5XX', `status ${status}`);
  if (REDIRECTS.has(status)) {
    if (!headers.location) throw new UpstreamFailureError('FC_MALFORMED', `redirect ${status} without location`);
    return;
  }
  const type = String(headers['content-type'] ?? '');
  // FC's own refusals (auth, missing function) are JSON; only the app answers HTML.
  if (!/^text\/html\b/i.test(type)) {
    const reason = status >= 400 ? 'FC_REJECTED' : 'FC_MALFORMED';
    throw new UpstreamFailureError(reason, `status ${status} with content-type "${type}" is not a page`);
  }
  const encoding = headers['content-encoding'];
  if (encoding && encoding !== 'identity') throw new UpstreamFailureError('FC_MALFORMED', `unexpected content-encoding ${String(encoding)}`);
}

/** Throw unless a GET answer carries a document (an empty 200 would be a blank page). */
export function assertPageBody(status: number, html: string): void {
  if (!REDIRECTS.has(status) && html.trim() === '') throw new UpstreamFailureError('FC_MALFORMED', `status ${status} with an empty body`);
}

/**
 * The headers a client may see: FC's `x-fc-*` and `content-disposition: attachment` (which would make a
 * browser download the page) and hop-by-hop headers are dropped. Multi-valued headers are comma-joined,
 * except `set-cookie`, which keeps only its first value (pages are public; RenderResult is single-valued).
 */
export function pageHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const named = new Set(String(headers.connection ?? '').toLowerCase().split(',').map((s) => s.trim()).filter(Boolean));
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || named.has(lower) || lower.startsWith('x-fc-') || lower === 'content-disposition') continue;
    kept[lower] = Array.isArray(value) ? (lower === 'set-cookie' ? value[0] ?? '' : value.join(', ')) : value;
  }
  return kept;
}
