/**
 * Node's HTTP server timeouts, set on purpose (Fastify turns `requestTimeout` and the socket idle timeout
 * off by default, and Node checks head/request deadlines only every 30 s):
 *
 * | timeout | value | why |
 * |---|---|---|
 * | `headersTimeout` | `HTTP_HEADERS_TIMEOUT_MS` (10 s) | a request head must arrive by then (slowloris; a connection that sends nothing is closed too) → 408 |
 * | `requestTimeout` | `PROXY_TIMEOUT_MS` + 5 s (≥ head timeout) | a whole request, body included; the proxy's own deadline answers first (408 page, upstream released), this is the backstop for every other route |
 * | `keepAliveTimeout` | `HTTP_KEEP_ALIVE_TIMEOUT_MS` (65 s) | idle keep-alive connections; above the 60 s upstream keep-alive of ingress-nginx and most load balancers, so they close first |
 * | `connectionTimeout` (socket idle) | longest legitimate silence + 5 s | a connection with no byte either way mid-request (client stopped reading, dead peer); longer than the longest wait for an upstream (`PROXY_TIMEOUT_MS`, `FC_TIMEOUT_MS` + `FALLBACK_TIMEOUT_MS`) |
 * | `connectionsCheckingInterval` | 1 s | how often Node checks head/request deadlines (default 30 s) |
 *
 * https://nodejs.org/api/http.html#serverheaderstimeout, #serverrequesttimeout, #serverkeepalivetimeout
 */
import type { FastifyServerOptions } from 'fastify';
import type { ServerOptions } from 'node:http';
import type { Config } from './config.js';

export type TimeoutConfig = Pick<Config, 'http' | 'proxyTimeoutMs' | 'fallbackTimeoutMs'> & { fc: Pick<Config['fc'], 'timeoutMs'> };

export interface ServerTimeouts {
  fastify: Required<Pick<FastifyServerOptions, 'requestTimeout' | 'keepAliveTimeout' | 'connectionTimeout'>>;
  http: Pick<ServerOptions, 'headersTimeout' | 'requestTimeout' | 'keepAliveTimeout' | 'connectionsCheckingInterval'>;
}

const MARGIN_MS = 5000;
const CHECK_INTERVAL_MS = 1000;

export function serverTimeouts(config: TimeoutConfig): ServerTimeouts {
  const headersTimeout = config.http.headersTimeoutMs;
  const requestTimeout = Math.max(headersTimeout, config.proxyTimeoutMs + MARGIN_MS);
  const longestWait = Math.max(config.proxyTimeoutMs, config.fc.timeoutMs + config.fallbackTimeoutMs, headersTimeout, config.http.keepAliveTimeoutMs);
  const keepAliveTimeout = config.http.keepAliveTimeoutMs;
  return {
    fastify: { requestTimeout, keepAliveTimeout, connectionTimeout: longestWait + MARGIN_MS },
    // Node validates headersTimeout <= requestTimeout when the server is created, before Fastify sets its own.
    http: { headersTimeout, requestTimeout, keepAliveTimeout, connectionsCheckingInterval: Math.min(CHECK_INTERVAL_MS, headersTimeout) },
  };
}
