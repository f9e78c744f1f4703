/**
 * Headers on every answer of every listener: `x-content-type-options: nosniff` (browsers never guess a
 * script or stylesheet out of an answer's bytes, https://fetch.spec.whatwg.org/#x-content-type-options-header)
 * and a `referrer-policy` (https://www.w3.org/TR/referrer-policy/): `strict-origin-when-cross-origin`
 * sends only the origin to other sites and nothing from https to http. An answer that chose its own
 * policy (a proxied upstream, a page) keeps it; nosniff has only one value, so it is always set.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

import { REFERRER_POLICY } from '../answer-header-values.js';

export default fp(async function answerHeaders(app: FastifyInstance) {
  // Callback style: no promise per request.
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', REFERRER_POLICY);
    done(null, payload);
  });
}, { name: 'ssr-answer-headers', fastify: '5.x' });
