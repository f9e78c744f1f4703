/**
 * Every error Fastify or Node raises around the routes becomes the HTML error page with its SSR_ERR_*
 * code (server/error-page.ts), never Fastify's JSON, which echoes the URL (`FST_ERR_BAD_URL`) or the
 * parser's message. Four entry points, one mapping:
 * - `errorHandler`: errors thrown or sent by hooks, parsers and handlers (bad JSON, unsupported media
 *   type, body too large, bugs);
 * - `notFoundHandler`: no route (a page listener routes GET/HEAD on every path, so another method is 405);
 * - `frameworkErrors`: the router's bad-URL and too-long-parameter errors (the canonical-URL 400 page);
 * - `clientErrorHandler`: what Node reports before a request exists (unparseable request, head over
 *   `maxHeaderSize`, head or request timeout), written raw to the socket, which then closes.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Socket } from 'node:net';
import { rawErrorAnswer, sendErrorPage, codeForStatus, ERROR_PAGES } from '../error-page.js';
import { ERROR_CODES, type ErrorCode } from '../errors.js';
import { sendBadUrl } from './canonical-url.js';
import { PAGE_METHODS } from './pages.js';

/** Fastify's own codes whose status alone does not say enough. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'SSR_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'SSR_ERR_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'SSR_ERR_BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'SSR_ERR_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'SSR_ERR_BAD_REQUEST',
  FST_ERR_BAD_URL: 'SSR_ERR_BAD_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'SSR_ERR_BAD_URL',
};

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** The code (and status) an error is answered with. Unknown errors are 500 SSR_ERR_INTERNAL. */
export function codeOf(error: Partial<FastifyError>): { code: ErrorCode; status: number } {
  if (isErrorCode(error.code) && ERROR_PAGES[error.code]) return { code: error.code, status: ERROR_PAGES[error.code]!.status };
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode <= 599 ? error.statusCode : 500;
  const code = mapped ?? codeForStatus(status);
  // Keep a 4xx the framework chose (e.g. 414) with the closest code; anything else is the code's own status.
  return { code, status: status < 500 ? status : ERROR_PAGES[code]?.status ?? 500 };
}

function answerError(error: Partial<FastifyError>, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { code, status } = codeOf(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code, cause: error.code }, 'request refused');
  return sendErrorPage(reply, code, { status });
}

/**
 * Fastify's `frameworkErrors` option. A target the router cannot decode (`/products/%E0%A4%A`) or with
 * a too-long segment gets the canonical-URL plugin's 400 page (SSR_ERR_BAD_URL), like any other bad URL.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply) => {
  if (error.code === 'FST_ERR_BAD_URL') sendBadUrl(reply, 'invalid percent-encoding');
  else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') sendBadUrl(reply, 'path segment too long');
  else answerError(error, request, reply);
};

/** Fastify's `clientErrorHandler` option: Node's `clientError`, before any request object exists. */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  // A reset client has nothing left to read an answer (https://nodejs.org/api/http.html#event-clienterror).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'SSR_ERR_REQUEST_TIMEOUT'
    : error.code === 'HPE_HEADER_OVERFLOW' ? 'SSR_ERR_HEADERS_TOO_LARGE'
      : 'SSR_ERR_BAD_REQUEST';
  this.log.debug({ code, cause: error.code }, 'client error');
  // An answer already under way on this socket cannot be replaced; only close it.
  const inProgress = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (socket.writable && !inProgress) socket.end(rawErrorAnswer(code), () => socket.destroy());
  else socket.destroy();
}

export default fp(async function errorHandlers(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => answerError(error as FastifyError, request, reply));
  app.setNotFoundHandler((request, reply) => {
    // Where pages answer GET/HEAD on every path, an address exists for any path: another method is 405.
    if (!PAGE_METHODS.includes(request.method) && app.hasRoute({ method: 'GET', url: '/*' })) {
      return sendErrorPage(reply.header('allow', PAGE_METHODS.join(', ')), 'SSR_ERR_METHOD');
    }
    return sendErrorPage(reply, 'SSR_ERR_NOT_FOUND');
  });
}, { name: 'ssr-error-handlers', fastify: '5.x' });
