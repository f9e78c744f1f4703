/**
 * The Fastify instance every role starts from: logger, request ids, access log, health endpoints, the
 * answer headers, error pages and server timeouts every listener shares, and the options that matter
 * behind Kubernetes and nginx.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { trackConnections, type DrainResult } from './drain-connections.js';
import { lazyChildLogger } from './lazy-request-logger.js';
import { loggerOptions } from './logger.js';
import accessLog from './plugins/access-log.js';
import answerHeaders from './plugins/answer-headers.js';
import canonicalUrl from './plugins/canonical-url.js';
import errorHandlers, { clientErrorHandler, frameworkErrors } from './plugins/error-handlers.js';
import health from './plugins/health.js';
import requestBodyGate from './plugins/request-body-gate.js';
import requestId, { requestIdFrom } from './plugins/request-id.js';
import { serverTimeouts, type TimeoutConfig } from './server-timeouts.js';
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

export type HttpHostConfig = Pick<Config, 'logLevel' | 'trustProxyHops'> & Partial<Pick<Config, 'logFormat'>> & TimeoutConfig;

/** @param tracing started by the entry point when an OTLP endpoint is configured (a span per request). */
export function createHttpHost(config: HttpHostConfig, tracing?: Tracing): FastifyInstance {
  const timeouts = serverTimeouts(config);
  const app = Fastify({
    logger: loggerOptions(config.logLevel, tracing?.logFields, config.logFormat),
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFrom,
    childLoggerFactory: lazyChildLogger,
    http: timeouts.http,
    ...timeouts.fastify,
    // X-Forwarded-* are believed only from TRUST_PROXY_HOPS proxies in front (proxy-addr's hop count):
    // request.ip, request.ips, request.protocol and request.host follow it.
    trustProxy: config.trustProxyHops > 0 ? (_address: string, hop: number) => hop < config.trustProxyHops : false,
    // Pages never take request bodies; FC direct-invoke payloads are small JSON.
    bodyLimit: 1024 * 1024,
    // Loading the app (on the event loop or on render threads, each a fresh V8 isolate) is the slow plugin:
    // Fastify's default of 10 s is short for a cold pod with a throttled CPU quota (and for valgrind, 50× slower).
    // WARMUP_TIMEOUT_MS bounds the warm-up after it; a kubelet startup probe bounds the whole start.
    pluginTimeout: 120_000,
    // Off: Fastify's closing path answers a canned JSON 503 (no Retry-After) to requests that are already
    // on an open connection. main.ts drains first (server/drain-connections.ts), so by close() no
    // connection is left; a direct close() (tests) still answers them properly, with `connection: close`.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreDuplicateSlashes: false, maxParamLength: 500 },
    frameworkErrors,
    clientErrorHandler,
  });
  const connections = trackConnections(app.server);
  app.decorate('drainConnections', (idleGraceMs: number) => connections.drain({ idleGraceMs }));
  app.register(answerHeaders);
  app.register(requestBodyGate);
  app.register(errorHandlers);
  app.register(requestId);
  app.register(accessLog);
  if (tracing) app.register(requestSpan, { tracing });
  // Before every route: nothing below ever sees a URL that is not canonical.
  app.register(canonicalUrl);
  app.register(health);
  return app;
}
