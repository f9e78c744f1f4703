/** `GET /metrics`: the app's registry in Prometheus text format (never cached). */
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export default async function metrics(app: FastifyInstance, { registry }: { registry: Registry }) {
  app.get('/metrics', async (_request, reply) => {
    const body = await registry.metrics();
    return reply.header('cache-control', 'no-store').type(registry.contentType).send(body);
  });
}
