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

export function createHttpHost(config: Pick<Config, 'logLevel'>): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
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
  app.register(health);
  return app;
}
