/**
 * `PROXY_ROUTES`: fixed prefix → fixed upstream, through @fastify/http-proxy. Never an open proxy: the
 * upstream comes only from configuration (the host rejects absolute-form request targets before
 * routing, and reply-from refuses a source that would change the base origin). Path handling follows
 * nginx's `proxy_pass`: an upstream without a path keeps the full request path (`/api/x` →
 * `http://api:8080/api/x`, like an Ingress); an upstream with a path replaces the prefix
 * (`/api=http://api:8080/v2` → `/v2/x`).
 */
import httpProxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ProxyRoute } from '../config.js';
import { sendPlainError } from './pages.js';

export interface ProxyRoutesOptions {
  routes: readonly ProxyRoute[];
  /** Whole-request deadline for a proxied call. */
  timeoutMs: number;
}

export default async function proxyRoutes(app: FastifyInstance, { routes, timeoutMs }: ProxyRoutesOptions) {
  for (const route of routes) {
    const upstream = new URL(route.upstream);
    const basePath = upstream.pathname.replace(/\/+$/, '');
    await app.register(httpProxy, {
      upstream: upstream.origin,
      prefix: route.prefix,
      rewritePrefix: basePath === '' ? route.prefix : basePath,
      // reply-from retries a 503 ten times by default (1 ms apart): one request must be one upstream call.
      retryMethods: [],
      undici: {
        connections: 128,
        keepAliveTimeout: 30_000,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        // reply-from turns TLS verification off unless `tls` says otherwise (docs/sources.md#reply-from
        // §2.2); undici still reads `tls`, its types only list `connect`.
        tls: { rejectUnauthorized: true },
      } as unknown as FastifyHttpProxyOptions['undici'],
      replyOptions: {
        retryDelay: () => null,
        rewriteRequestHeaders: (request, headers) => ({
          ...headers,
          'x-request-id': request.id,
          'x-forwarded-host': String(request.headers['x-forwarded-host'] ?? request.headers.host ?? ''),
          'x-forwarded-proto': String(request.headers['x-forwarded-proto'] ?? request.protocol),
        }),
        onError: (proxiedReply, { error }) => {
          const reply = proxiedReply as FastifyReply;
          reply.log.warn({ err: error, upstream: upstream.origin }, 'proxied upstream failed');
          reply.logFields.proxy = route.prefix;
          const timedOut = /TIMEOUT/i.test(String((error as { code?: string }).code ?? ''));
          sendPlainError(reply, timedOut ? 504 : 502, timedOut ? 'Gateway timeout' : 'Bad gateway', 'The service behind this address did not answer.');
        },
      },
    });
  }
}
