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

export default fp(async function accessLog(app: FastifyInstance) {
  app.decorateReply('logFields', null as unknown as Record<string, unknown>);
  app.addHook('onRequest', async (_request, reply) => {
    reply.logFields = {};
  });
  app.addHook('onResponse', async (request, reply) => {
    // Probes and scrapes every few seconds would drown the useful lines.
    if (request.url === '/healthz' || request.url === '/readyz' || request.url === '/metrics') return;
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
