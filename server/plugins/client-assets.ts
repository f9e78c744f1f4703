/**
 * Serves the hashed client build under `/assets/`. File names carry a content hash, so they are
 * immutable for a year; a missing asset is the small static 404 error page, never a rendered 404 page.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { sendErrorPage } from '../error-page.js';

export interface ClientAssetsOptions {
  /** Client build directory (holding `assets/`); undefined when there is no client build. */
  dir: string | undefined;
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';

export default async function clientAssets(app: FastifyInstance, { dir }: ClientAssetsOptions) {
  if (!dir) {
    app.get('/assets/*', async (_request, reply) => sendErrorPage(reply, 'SSR_ERR_NOT_FOUND'));
    return;
  }
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply) => { reply.header('cache-control', IMMUTABLE); },
    wildcard: true,
    index: false,
    dotfiles: 'deny',
  });
}
