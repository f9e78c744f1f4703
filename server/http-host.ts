/**
 * The Fastify instance every role starts from: logger, request ids, access log, health endpoints and
 * the options that matter behind Kubernetes and nginx.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Config } from './config.js';
import { trackConnections, type DrainResult } from './drain-connections.js';
import { loggerOptions } from './logger.js';
import accessLog from './plugins/access-log.js';
import canonicalUrl, { sendBadUrl } from './plugins/canonical-url.js';
import health from './plugins/health.js';
import requestId, { requestIdFrom } from './plugins/request-id.js';
import requestSpan from './telemetry/request-span.js';
import type { Tracing } from './telemetry/start-tracing.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * SIGTERM drain: stop accepting, let requests in progress (and requests already sent on open
     * connections) finish, close connections that stay idle for `idleGraceMs`. Call before `close()`.
     */
    drainConnections(idleGraceMs: number): Promise<DrainResult>;
  }
}

/** @param tracing started by the entry point when an OTLP endpoint is configured (a span per request). */
export function createHttpHost(config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'logFormat'>>, tracing?: Tracing): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, tracing?.logFields, config.logFormat),
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFrom,
    // Behind nginx / a load balancer: keep idle connections longer than the proxy's upstream keepalive.
    keepAliveTimeout: 75_000,
    // Pages never take request bodies; FC direct-invoke payloads are small JSON.
    bodyLimit: 1024 * 1024,
    // Off: Fastify's closing path answers a canned JSON 503 (no Retry-After) to requests that are already
    // on an open connection. main.ts drains first (server/drain-connections.ts), so by close() no
    // connection is left; a direct close() (tests) still answers them properly, with `connection: close`.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreDuplicateSlashes: false, maxParamLength: 500 },
    // The router cannot decode `/products/%E0%A4%A`; Fastify's default answer is JSON that echoes it.
    frameworkErrors: (error, _request, reply) => {
      if (error.code === 'FST_ERR_BAD_URL') return sendBadUrl(reply, 'invalid percent-encoding');
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendBadUrl(reply, 'path segment too long');
      // FST_ERR_ASYNC_CONSTRAINT: no route here uses async constraints.
      return (reply as unknown as FastifyReply).code(500).send();
    },
  });
  const connections = trackConnections(app.server);
  app.decorate('drainConnections', (idleGraceMs: number) => connections.drain({ idleGraceMs }));
  app.register(requestId);
  app.register(accessLog);
  if (tracing) app.register(requestSpan, { tracing });
  // Before every route: nothing below ever sees a URL that is not canonical.
  app.register(canonicalUrl);
  app.register(health);
  return app;
}
