/**
 * `x-request-id`: accepted from the client when it is a sane token, generated otherwise, used as
 * Fastify's request id (so every log line carries it) and echoed on the response.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const REQUEST_ID_HEADER = 'x-request-id';
// A header value goes into logs and upstream requests: refuse anything that could forge a log line.
const VALID_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** Fastify `genReqId`: reuse a well-formed incoming id, otherwise mint one. */
export function requestIdFrom(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && VALID_REQUEST_ID.test(value) ? value : randomUUID();
}

export default fp(async function requestId(app: FastifyInstance) {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}, { name: 'ssr-request-id', fastify: '5.x' });
