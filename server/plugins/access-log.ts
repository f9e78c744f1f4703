/**
 * One JSON log line per request (Fastify's own two request lines are turned off): method, URL, status,
 * duration, request id, and whatever the route added to `reply.logFields` (render target, outcome,
 * fallback reason).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyReply {
    /** Extra fields for this request's access-log line. */
    logFields: Record<string, unknown>;
  }
}

const LOGS_INFO = new Set(['info', 'debug', 'trace']);

export default fp(async function accessLog(app: FastifyInstance) {
  app.decorateReply('logFields', null as unknown as Record<string, unknown>);
  // Callback-style hooks on every request: an async hook costs a promise per request (bench scenario 1).
  app.addHook('onRequest', (_request, reply, done) => {
    reply.logFields = {};
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    done();
    // Probes and scrapes every few seconds would drown the useful lines; below `info` nothing is built.
    if (request.url === '/healthz' || request.url === '/readyz' || request.url === '/metrics' || !LOGS_INFO.has(request.log.level)) return;
    request.log.info({
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      target: reply.renderBy,
      ...reply.logFields,
    }, 'request');
  });
}, { name: 'ssr-access-log', fastify: '5.x' });
