/**
 * `PROXY_ROUTES`: fixed prefix → fixed upstream, through @fastify/http-proxy (reply-from over undici),
 * following HTTP's rules for an intermediary (RFC 9110 §7.6, RFC 9112):
 * - Never an open proxy: the upstream comes only from configuration (the host rejects absolute-form
 *   request targets before routing, and reply-from refuses a source that would change the base origin).
 *   Path handling follows nginx's `proxy_pass`: an upstream without a path keeps the full request path
 *   (`/api/x` → `http://api:8080/api/x`, like an Ingress); an upstream with a path replaces the prefix
 *   (`/api=http://api:8080/v2` → `/v2/x`). One upstream call per request: no retries.
 * - Hop-by-hop headers are removed in both directions (server/proxy/hop-by-hop.ts); a request `Upgrade`
 *   (h2c, websocket) is ignored and the request proxied as plain HTTP/1.1 (RFC 9110 §7.8: no tunnels here).
 * - `Expect: 100-continue` is answered by the gateway when it is ready to read the body
 *   (server/plugins/request-body-gate.ts) and not forwarded (undici cannot send it).
 * - `X-Forwarded-For/-Proto/-Host` are the gateway's (server/forwarded-headers.ts); a client's own,
 *   `Forwarded` and `X-Real-IP` are never passed on as such.
 * - A client's `Connection: close` is honoured: the upstream's connection headers never reach the client,
 *   so Node answers `connection: close` and closes the socket.
 * - One deadline, PROXY_TIMEOUT_MS, from the request's arrival to the end of the answer
 *   (server/proxy/proxy-deadline.ts): a body still arriving at the deadline → 408 SSR_ERR_REQUEST_TIMEOUT
 *   and the connection closes (the client was too slow); an upstream still not done → 504
 *   SSR_ERR_PROXY_TIMEOUT (an answer already under way is cut off). Either way the upstream request is
 *   aborted and its connection released.
 * - Bodies are capped at PROXY_BODY_LIMIT_BYTES: a declared length over it → 413 before a byte is read
 *   (and before the upstream is called); a chunked body growing past it → 413, upstream request aborted.
 * - A dead upstream → 502 SSR_ERR_PROXY_UPSTREAM. Error answers are the HTML error page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProxyRoute } from '../config.js';
import { sendErrorPage } from '../error-page.js';
import { RequestTimeoutError, type ErrorCode } from '../errors.js';
import { FORWARDING_HEADERS, forwardedHeadersOf } from '../forwarded-headers.js';
import { BodyLimit, declaresTooMuch } from '../proxy/body-limit.js';
import { withoutHopByHop } from '../proxy/hop-by-hop.js';
import type { ProxyDeadline } from '../proxy/proxy-deadline.js';
import { hasBody } from './request-body-gate.js';

export interface ProxyRoutesOptions {
  routes: readonly ProxyRoute[];
  /** One deadline for the whole proxied exchange (request body included). */
  timeoutMs: number;
  /** Largest request body forwarded (413 above it). */
  bodyLimitBytes: number;
}

interface ProxyExchange {
  deadline: ProxyDeadline;
  /** The body on its way upstream (undefined for a request without a body). */
  body: BodyLimit | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on proxied routes: the request's deadline and body stream. */
    proxyExchange: ProxyExchange | null;
  }
}

/** Request headers a proxied upstream never gets from the client (the gateway sets its own or none). */
const NOT_FORWARDED = ['expect', ...FORWARDING_HEADERS];

function causedBy(error: unknown, code: string): boolean {
  for (let current = error as { code?: string; cause?: unknown } | undefined, depth = 0; current && depth < 5; current = current.cause as typeof current, depth++) {
    if (current.code === code) return true;
  }
  return false;
}

function failureCode(exchange: ProxyExchange | null, error: unknown): ErrorCode {
  if (exchange?.deadline.expiredDuring === 'request') return 'SSR_ERR_REQUEST_TIMEOUT';
  if (exchange?.deadline.expiredDuring === 'answer') return 'SSR_ERR_PROXY_TIMEOUT';
  if (causedBy(error, 'SSR_ERR_BODY_TOO_LARGE')) return 'SSR_ERR_BODY_TOO_LARGE';
  // undici's own timers (a backstop a second after the deadline) and reply-from's gateway timeout.
  if (/TIMEOUT/i.test(String((error as { code?: string }).code ?? '')) || causedBy(error, 'UND_ERR_HEADERS_TIMEOUT') || causedBy(error, 'UND_ERR_BODY_TIMEOUT')) return 'SSR_ERR_PROXY_TIMEOUT';
  return 'SSR_ERR_PROXY_UPSTREAM';
}

export default async function proxyRoutes(app: FastifyInstance, { routes, timeoutMs, bodyLimitBytes }: ProxyRoutesOptions) {
  if (routes.length === 0) return;
  // Imported only with routes to proxy: @fastify/http-proxy and undici are 5.5 MB of heap a gateway without
  // PROXY_ROUTES never uses (docs/benchmarks.md, "Instructions per page").
  const [{ default: httpProxy }, { DeadlineAgent, startDeadline, withDeadline }] = await Promise.all([
    import('@fastify/http-proxy'),
    import('../proxy/proxy-deadline.js'),
  ]);
  app.decorateRequest('proxyExchange', null);
  // Every body streams to the upstream as it arrives (http-proxy's catch-all parser). Fastify's built-in
  // text/plain parser would otherwise buffer such bodies whole, outside the body limit and the deadline.
  app.removeAllContentTypeParsers();

  // Callback-style hooks (no promise per request). Answering without calling done() ends the request.
  app.addHook('onRequest', (request, reply, done) => {
    if (declaresTooMuch(request.headers['content-length'], bodyLimitBytes)) {
      sendErrorPage(reply, 'SSR_ERR_BODY_TOO_LARGE');
      return;
    }
    const exchange: ProxyExchange = {
      body: undefined,
      deadline: startDeadline(timeoutMs, () => request.raw.complete || !hasBody(request.raw), (phase) => {
        // Stop reading a body that is too slow; undici then aborts the upstream request.
        if (phase === 'request') exchange.body?.destroy(new RequestTimeoutError(`PROXY_TIMEOUT_MS ${timeoutMs}`));
      }),
    };
    request.proxyExchange = exchange;
    reply.raw.once('close', () => exchange.deadline.clear());
    done();
  });
  app.addHook('preParsing', (request, _reply, payload, done) => {
    if (!request.proxyExchange || !hasBody(request.raw)) {
      done(null, payload);
      return;
    }
    const body = new BodyLimit(bodyLimitBytes);
    // Not pipeline(): destroying the body stream must leave the client's socket alone for the answer.
    payload.on('error', (error) => body.destroy(error));
    payload.pipe(body);
    request.proxyExchange.body = body;
    done(null, body);
  });

  for (const route of routes) {
    const upstream = new URL(route.upstream);
    const basePath = upstream.pathname.replace(/\/+$/, '');
    await app.register(httpProxy, {
      upstream: upstream.origin,
      prefix: route.prefix,
      rewritePrefix: basePath === '' ? route.prefix : basePath,
      // reply-from retries a 503 ten times by default (1 ms apart): one request must be one upstream call.
      retryMethods: [],
      // Our own Agent: reply-from would otherwise build one with TLS verification off unless told
      // otherwise; undici's timers are a backstop one second after the gateway's own deadline.
      undici: new DeadlineAgent({
        connections: 128,
        keepAliveTimeout: 30_000,
        headersTimeout: timeoutMs + 1000,
        bodyTimeout: timeoutMs + 1000,
        connect: { rejectUnauthorized: true },
      }),
      handler: (request: FastifyRequest, reply: FastifyReply, dest: string, options: unknown) =>
        withDeadline(request.proxyExchange!.deadline.signal, () => reply.from(dest, options as Parameters<FastifyReply['from']>[1])),
      replyOptions: {
        retryDelay: () => null,
        rewriteRequestHeaders: (request, headers) => {
          // reply-from already dropped `connection` (and what it lists): pass the client's original list.
          const forwarded: Record<string, string | string[] | number | undefined> = withoutHopByHop(headers, request.headers.connection);
          for (const name of NOT_FORWARDED) delete forwarded[name];
          return { ...forwarded, ...forwardedHeadersOf(request as FastifyRequest), 'x-request-id': request.id };
        },
        rewriteHeaders: (headers) => withoutHopByHop(headers),
        onError: (proxiedReply, { error }) => {
          const reply = proxiedReply as FastifyReply;
          const code = failureCode(reply.request.proxyExchange, error);
          reply.logFields.proxy = route.prefix;
          reply.logFields.outcome = code;
          reply.log.warn({ err: error, upstream: upstream.origin, code }, 'proxied request failed');
          if (!reply.sent) sendErrorPage(reply, code);
        },
      },
    });
  }
}
