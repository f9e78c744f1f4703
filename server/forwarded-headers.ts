/**
 * The `X-Forwarded-*` headers the gateway sends upstream (proxied routes and FC), built only from what it
 * knows or trusts. Fastify's `trustProxy` (TRUST_PROXY_HOPS, proxy-addr's hop count) decides what is
 * believed: `request.ips` is the peer followed by the addresses trusted hops wrote, nearest first;
 * `request.protocol` / `request.host` take the last `X-Forwarded-Proto` / `-Host` entry only from a
 * trusted peer.
 *
 * - `X-Forwarded-For`: the trusted part of the incoming chain, then the peer. Entries a client wrote
 *   itself are dropped, so an upstream that reads the left-most entry gets the client address as the
 *   outermost trusted proxy saw it, never a claim. (With TRUST_PROXY_HOPS=0: just the peer.)
 * - `X-Forwarded-Proto` / `X-Forwarded-Host`: the trusted proxy's, else the gateway's own connection
 *   scheme and the request's `Host`.
 * The de-facto format: https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-For
 */
import type { FastifyRequest } from 'fastify';

export interface ForwardedHeaders {
  'x-forwarded-for': string;
  'x-forwarded-proto': string;
  'x-forwarded-host'?: string;
}

/** Client-supplied forwarding headers the gateway replaces or drops unless they come from trusted hops. */
export const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'forwarded', 'x-real-ip'] as const;

export function forwardedHeadersOf(request: FastifyRequest): ForwardedHeaders {
  const peer = request.socket.remoteAddress ?? '';
  const trusted = request.ips ? request.ips.slice(1).reverse() : [];
  const headers: ForwardedHeaders = {
    'x-forwarded-for': [...trusted, peer].filter(Boolean).join(', '),
    'x-forwarded-proto': request.protocol,
  };
  if (request.host) headers['x-forwarded-host'] = request.host;
  return headers;
}
