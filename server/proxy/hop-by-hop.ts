/**
 * Hop-by-hop fields belong to one connection and are never forwarded (RFC 9110 §7.6.1): `Connection`
 * and every name it lists, plus the fields that are hop-by-hop by definition — `Keep-Alive`,
 * `Proxy-Connection` (RFC 9112 appendix C.2.2), `Proxy-Authenticate` / `Proxy-Authorization` (meant for
 * the proxy they name, RFC 9110 §11.7), `TE`, `Trailer`, `Transfer-Encoding` (RFC 9112 §6.1; the gateway
 * frames the body itself), `Upgrade` (RFC 9110 §7.8) and `HTTP2-Settings` (RFC 9113 §3.2.1, only meaningful
 * with an h2c upgrade).
 */
import type { IncomingHttpHeaders } from 'node:http';

export const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'http2-settings',
]);

type Headers = Record<string, string | string[] | number | undefined>;

/** Lower-cased names listed in a `Connection` field value (`close` and `keep-alive` included). */
export function connectionListed(value: string | string[] | number | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value.join(',') : String(value))
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * A copy of `headers` without hop-by-hop fields. `listedIn` is the `Connection` value the names came
 * with (defaults to the one in `headers`; pass the original when a library already removed it).
 */
export function withoutHopByHop<T extends Headers | IncomingHttpHeaders>(headers: T, listedIn = headers.connection): T {
  const listed = new Set(connectionListed(listedIn));
  const kept: Headers = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!HOP_BY_HOP.has(lower) && !listed.has(lower)) kept[name] = value;
  }
  return kept as T;
}
