/**
 * Headers an HTTP render target receives besides the render headers (docs/functions.md "Gateway → function wire
 * format"): the request id and W3C trace context for correlation, and `x-forwarded-*` so the function
 * sees the client as the gateway saw it (only what it trusts: server/forwarded-headers.ts). The Host
 * sent upstream is always the target's own.
 */
import type { FastifyRequest } from 'fastify';
import { forwardedHeadersOf } from '../forwarded-headers.js';

const PASSED_THROUGH = ['traceparent', 'tracestate'] as const;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function forwardHeadersOf(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = { 'x-request-id': request.id };
  for (const name of PASSED_THROUGH) {
    const value = single(request.headers[name]);
    if (value) headers[name] = value;
  }
  return Object.assign(headers, forwardedHeadersOf(request));
}
