/**
 * A request body is read only when a route is going to use it:
 * - `Expect: 100-continue` is answered `100 Continue` only once the request got past the routes and hooks
 *   that may refuse it (a page's 405, a proxied route's 413), right before the body is parsed or streamed
 *   (RFC 9110 §10.1.1), and only on routes that read a body: a GET or HEAD route (every page) never
 *   invites one. Node would send it as soon as the head arrived.
 * - An answer sent while the body is still unread closes the connection (`connection: close`): otherwise
 *   Node reads and discards the rest of the body to keep the connection alive, for as long as the client
 *   takes to send it.
 * - Expectations other than 100-continue are ignored (RFC 9110 §10.1.1 lets a server answer 417, but
 *   Node's 417 bypasses the error pages and answer headers).
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, preParsingHookHandler } from 'fastify';
import fp from 'fastify-plugin';

const CONTINUE = /(?:^|,)\s*100-continue\s*(?:,|$)/i;
/** Methods whose routes never read a request body. */
const BODILESS = new Set(['GET', 'HEAD']);

/** Framing says a body follows (RFC 9112 §6.3). */
export function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export default fp(async function requestBodyGate(app: FastifyInstance) {
  const server = app.server;
  server.on('checkContinue', (request, response) => server.emit('request', request, response));
  server.on('checkExpectation', (request, response) => server.emit('request', request, response));
  const continueBeforeParsing: preParsingHookHandler = (request, reply, payload, done) => {
    const expect = request.headers.expect;
    if (expect !== undefined && CONTINUE.test(expect) && !reply.raw.headersSent) reply.raw.writeContinue();
    done(null, payload);
  };
  // Only on routes that read a body: a GET/HEAD route never does (Fastify skips body parsing for them), so a
  // page never runs a preParsing hook, and a GET that announces a body gets its answer, not a 100.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((method) => BODILESS.has(method))) return;
    const existing = route.preParsing;
    route.preParsing = existing === undefined ? [continueBeforeParsing] : [...(Array.isArray(existing) ? existing : [existing]), continueBeforeParsing];
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!request.raw.complete && hasBody(request.raw)) reply.header('connection', 'close');
    done(null, payload);
  });
}, { name: 'ssr-request-body-gate', fastify: '5.x' });
