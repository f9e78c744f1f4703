/**
 * `/healthz` (liveness: the process answers) and `/readyz` (readiness: 503 while the host warms up —
 * see server/warm-up.ts — and from the moment shutdown begins, so Kubernetes routes here only to a warm
 * pod and stops routing here while in-flight requests finish).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Flip readiness to 503; called by the SIGTERM handler before `close()`. */
    beginShutdown(): void;
    readonly shuttingDown: boolean;
    /** `/readyz` answers 503 until `task` settles (warm-up); settled either way, it stops holding. */
    holdReadinessUntil(task: Promise<unknown>): void;
    /** Resolves once nothing holds readiness any more (tests, and the warm-up log). */
    whenWarm(): Promise<void>;
  }
}

export default fp(async function health(app: FastifyInstance) {
  let shuttingDown = false;
  app.decorate('beginShutdown', () => {
    shuttingDown = true;
  });
  app.decorate('shuttingDown', { getter: () => shuttingDown });
  let holds = 0;
  let warm: Promise<void> = Promise.resolve();
  app.decorate('holdReadinessUntil', (task: Promise<unknown>) => {
    holds += 1;
    const released = task.then(() => undefined, () => undefined).finally(() => { holds -= 1; });
    warm = Promise.all([warm, released]).then(() => undefined);
  });
  app.decorate('whenWarm', () => warm);
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
    if (holds > 0) return reply.code(503).headers(noStore).send({ status: 'warming-up' });
    return reply.headers(noStore).send({ status: 'ready' });
  });
}, { name: 'ssr-health', fastify: '5.x' });
