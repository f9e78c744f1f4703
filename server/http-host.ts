/**
 * The Fastify instance every role starts from: logger, request ids, access log, health endpoints and
 * the options that matter behind Kubernetes and nginx.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { loggerOptions } from './logger.js';
import accessLog from './plugins/access-log.js';
import health from './plugins/health.js';
import requestId, { requestIdFrom } from './plugins/request-id.js';
import requestSpan from './telemetry/request-span.js';
import type { Tracing } from './telemetry/start-tracing.js';

/** @param tracing started by the entry point when an OTLP endpoint is configured (a span per request). */
export function createHttpHost(config: Pick<Config, 'logLevel'>, tracing?: Tracing): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, tracing?.logFields),
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFrom,
    // Behind nginx / a load balancer: keep idle connections longer than the proxy's upstream keepalive.
    keepAliveTimeout: 75_000,
    // Pages never take request bodies; FC direct-invoke payloads are small JSON.
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreDuplicateSlashes: false, maxParamLength: 500 },
  });
  app.register(requestId);
  app.register(accessLog);
  if (tracing) app.register(requestSpan, { tracing });
  app.register(health);
  return app;
}
