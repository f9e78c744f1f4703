/**
 * `POST /cache/purge` on the admin listener (never the public port), behind the bearer token
 * (`ADMIN_TOKEN`; unset = 403). The token is checked in `onRequest`, before the body is even parsed, so
 * an unauthenticated caller learns nothing about what a valid body looks like.
 *
 * Answers `202 {"count": n}` (entries touched here and in Redis; `published` says whether the other pods
 * were told through Redis) and `400 {"field", "message"}` for a body it cannot use.
 */
import type { FastifyInstance } from 'fastify';
import { requireAdminToken } from '../admin/require-admin-token.js';
import { parsePurgeRequest } from './purge-request.js';
import type { RenderCache } from './render-cache.js';

export interface PurgeRouteOptions {
  /** Every site's cache: a purge applies to each (keys carry the site, so each purges its own entries). */
  caches: () => readonly RenderCache[];
  /** `config.admin.token`. */
  token: string | undefined;
}

export default async function purgeRoute(admin: FastifyInstance, { caches, token }: PurgeRouteOptions) {
  // Encapsulated: only this route answers an unparseable body with the field it could not read.
  admin.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).header('cache-control', 'no-store')
        .send({ error: 'bad request', field: 'body', message: 'the body must be a JSON object (content-type: application/json)' });
    }
    throw error;
  });
  admin.post('/cache/purge', { onRequest: requireAdminToken(token) }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const parsed = parsePurgeRequest(request.body);
    if (!parsed.ok) return reply.code(400).send({ error: 'bad request', field: parsed.field, message: parsed.message });
    const results = await Promise.all(caches().map((cache) => cache.purge(parsed.spec)));
    const count = results.reduce((sum, result) => sum + result.count, 0);
    const published = results.some((result) => result.published === undefined) ? undefined : results.every((result) => result.published);
    const { mode, urls, prefixes, tags } = parsed.spec;
    request.log.info({ purge: { mode, urls: urls.length, prefixes: prefixes.length, tags: tags.length }, count, published }, 'cache purge');
    return reply.code(202).send({ count, mode, ...(published === undefined ? {} : { published }) });
  });
}
