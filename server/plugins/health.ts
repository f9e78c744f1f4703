/**
 * `/healthz` (liveness: the process answers) and `/readyz` (readiness: 503 from the moment shutdown
 * begins, so Kubernetes stops routing here while in-flight requests finish).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Flip readiness to 503; called by the SIGTERM handler before `close()`. */
    beginShutdown(): void;
    readonly shuttingDown: boolean;
  }
}

export default fp(async function health(app: FastifyInstance) {
  let shuttingDown = false;
  app.decorate('beginShutdown', () => {
    shuttingDown = true;
  });
  app.decorate('shuttingDown', { getter: () => shuttingDown });
  app.addHook('preClose', async () => {
    shuttingDown = true;
  });
  // Answers finished while draining close their connection: a keep-alive socket that turns idle after
  // close() started would otherwise hold the process until its keep-alive timeout (75 s).
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (shuttingDown) reply.header('connection', 'close');
    done(null, payload);
  });
  const noStore = { 'cache-control': 'no-store' };
  app.get('/healthz', async (_request, reply) => reply.headers(noStore).send({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (shuttingDown) return reply.code(503).headers(noStore).send({ status: 'shutting-down' });
    return reply.headers(noStore).send({ status: 'ready' });
  });
}, { name: 'ssr-health', fastify: '5.x' });
