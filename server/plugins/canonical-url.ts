/**
 * The front door of every Fastify host (gateway, renderer, custom runtime): a request whose target is
 * not a canonical URL (../page-url.ts) is answered here, in the first `onRequest` hook, before any route
 * handler, proxy, cache or render target sees it: a 301 to the canonical URL for GET/HEAD, otherwise the
 * HTML 400 page (SSR_ERR_BAD_URL). Targets the router cannot even decode (`/products/%E0%A4%A`) reach
 * Fastify's `frameworkErrors` instead; `sendBadUrl` answers those with the same page.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { BAD_URL_CODE, badUrlPage, canonicalUrlAnswer } from '../canonical-url-answer.js';
import { canonicalPageUrl } from '../page-url.js';
import type { RenderResult } from '../render-contract.js';

function send(reply: FastifyReply, answer: RenderResult, reason: string | undefined): FastifyReply {
  // logFields is set by the access log's onRequest hook, which a framework error never reaches.
  reply.logFields ??= {};
  if (answer.status === 301) reply.logFields.canonicalUrl = answer.headers.location;
  else Object.assign(reply.logFields, { error: BAD_URL_CODE, badUrl: reason ?? 'not canonical' });
  return reply.code(answer.status).headers(answer.headers).send(answer.html);
}

/** The HTML 400 page for a request target that cannot be served (also for Fastify's FST_ERR_BAD_URL). */
export function sendBadUrl(reply: FastifyReply, reason: string): FastifyReply {
  return send(reply, badUrlPage(), reason);
}

export default fp(async function canonicalUrl(app: FastifyInstance) {
  // Callback style: no promise per request on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    const url = canonicalPageUrl(request.url);
    if (url.ok && url.canonical) {
      done();
      return;
    }
    send(reply, canonicalUrlAnswer(url, request.method) ?? badUrlPage(), url.ok ? undefined : url.reason);
  });
}, { name: 'ssr-canonical-url', fastify: '5.x' });
