/**
 * Fastify request → RenderRequest. Only the headers a page may depend on are passed on, so a render
 * (local or FC) never sees credentials it does not need.
 */
import type { FastifyRequest } from 'fastify';
import type { RenderRequest } from './render-contract.js';

/** Request headers a page render may read. `cookie` is added only where configured. */
export const RENDER_HEADERS = ['accept-language', 'user-agent'] as const;

export function toRenderRequest(request: FastifyRequest, { includeCookies = false } = {}): RenderRequest {
  const headers: Record<string, string> = {};
  for (const name of RENDER_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (includeCookies && typeof request.headers.cookie === 'string') headers.cookie = request.headers.cookie;
  return { url: request.url, headers };
}
