/**
 * The admin listener: a second Fastify instance for operator endpoints (`/metrics`, and later the status
 * page, cache purge and site reloads), so none of them is ever reachable through the public port that
 * an Ingress or HTTPRoute routes to. It shares the public host's logger (lines carry
 * `listener: "admin"`) and request ids, and serves no pages: an unknown path is a plain 404 that does not
 * echo the URL.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import accessLog from '../plugins/access-log.js';
import answerHeaders from '../plugins/answer-headers.js';
import requestId, { requestIdFrom } from '../plugins/request-id.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The admin listener (undefined with `ADMIN_PORT=off`, and on roles that have none). */
    readonly admin: FastifyInstance | undefined;
  }
}

/** Builds the admin instance; the caller registers operator routes on it and listens it. */
export function createAdminHost(logger: FastifyBaseLogger): FastifyInstance {
  const admin = Fastify({
    loggerInstance: logger.child({ listener: 'admin' }),
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFrom,
    // Operator calls are small JSON (purge lists, reloads) and never slow: a stuck client is cut off.
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    // Longer than Prometheus' 15 s scrape interval, so scrapes reuse their connection.
    keepAliveTimeout: 30_000,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreDuplicateSlashes: false },
  });
  // nosniff and referrer-policy on every answer of every listener.
  admin.register(answerHeaders);
  admin.register(requestId);
  admin.register(accessLog);
  admin.setNotFoundHandler((_request, reply) => {
    void reply.code(404).header('cache-control', 'no-store').send({ error: 'not found' });
  });
  admin.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'admin endpoint failed');
    void reply.code(status).header('cache-control', 'no-store').send({ error: status === 500 ? 'internal error' : 'bad request' });
  });
  return admin;
}
