/**
 * The public listener answers every operator path (`/metrics`, `/status`, `/cache/…`, `/sites/…`) with
 * the plain 404 page, whatever the method, before any render or upstream call: those endpoints live on
 * the admin listener only, and a route added there later can never leak onto the public port through
 * the page catch-all.
 */
import type { FastifyInstance } from 'fastify';
import { OPERATOR_PATH_PREFIXES } from '../config.js';
import { sendPlainError } from './pages.js';

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

export default async function operatorPathsNotFound(app: FastifyInstance) {
  for (const prefix of OPERATOR_PATH_PREFIXES) {
    for (const url of [prefix, `${prefix}/*`]) {
      app.route({
        method: ALL_METHODS,
        url,
        // Answered in onRequest (not calling done() ends the request): no body is read for a path that
        // does not exist here.
        onRequest: (_request, reply) => {
          void sendPlainError(reply, 404, 'Not found', 'There is no page at this address.');
        },
        handler: async () => undefined,
      });
    }
  }
}
