/**
 * The small HTML error page every coded error answer uses (pages listener, proxied routes, framework
 * errors): status, a short title and message that never echo the request, the SSR_ERR_* code in the page
 * and in `x-error-code`, `cache-control: no-store`. One table says what each code looks like.
 */
import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { renderPlainPage } from './plain-page.js';
import type { ErrorCode } from './errors.js';
import { ANSWER_HEADERS } from './answer-header-values.js';

export interface ErrorPageText {
  status: number;
  title: string;
  message: string;
}

/** What a visitor sees for each code that is ever answered (SSR_ERR_CONFIG and SSR_ERR_UPSTREAM never are). */
export const ERROR_PAGES: Partial<Record<ErrorCode, ErrorPageText>> = {
  SSR_ERR_BAD_URL: { status: 400, title: 'Bad request', message: 'The address of this page is not valid.' },
  SSR_ERR_BAD_REQUEST: { status: 400, title: 'Bad request', message: 'The request could not be understood.' },
  SSR_ERR_BAD_EVENT: { status: 400, title: 'Bad request', message: 'The function event could not be read.' },
  SSR_ERR_NOT_FOUND: { status: 404, title: 'Not found', message: 'There is nothing at this address.' },
  SSR_ERR_SITE_NOT_FOUND: { status: 404, title: 'Site not found', message: 'This server does not serve this site.' },
  SSR_ERR_METHOD: { status: 405, title: 'Method not allowed', message: 'This address only answers GET and HEAD.' },
  SSR_ERR_REQUEST_TIMEOUT: { status: 408, title: 'Request timeout', message: 'The request did not arrive in time.' },
  SSR_ERR_BODY_TOO_LARGE: { status: 413, title: 'Content too large', message: 'The request body is larger than this address accepts.' },
  SSR_ERR_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', message: 'This address does not accept this type of content.' },
  SSR_ERR_HEADERS_TOO_LARGE: { status: 431, title: 'Request headers too large', message: 'The request headers are larger than this server accepts.' },
  SSR_ERR_INTERNAL: { status: 500, title: 'Something went wrong', message: 'This request could not be answered.' },
  SSR_ERR_RENDER: { status: 500, title: 'Something went wrong', message: 'This page could not be rendered.' },
  SSR_ERR_PROXY_UPSTREAM: { status: 502, title: 'Bad gateway', message: 'The service behind this address did not answer.' },
  SSR_ERR_NO_RENDERER: { status: 503, title: 'Temporarily unavailable', message: 'This page cannot be shown right now. Please try again in a moment.' },
  SSR_ERR_SITE_LOOKUP: { status: 503, title: 'Temporarily unavailable', message: 'This site cannot be shown right now. Please try again in a moment.' },
  SSR_ERR_PROXY_TIMEOUT: { status: 504, title: 'Gateway timeout', message: 'The service behind this address did not answer in time.' },
};

/** The code an uncoded status stands for (for callers that only know the status). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 404: return 'SSR_ERR_NOT_FOUND';
    case 405: return 'SSR_ERR_METHOD';
    case 408: return 'SSR_ERR_REQUEST_TIMEOUT';
    case 413: return 'SSR_ERR_BODY_TOO_LARGE';
    case 415: return 'SSR_ERR_MEDIA_TYPE';
    case 431: return 'SSR_ERR_HEADERS_TOO_LARGE';
    case 502: return 'SSR_ERR_PROXY_UPSTREAM';
    case 503: return 'SSR_ERR_NO_RENDERER';
    case 504: return 'SSR_ERR_PROXY_TIMEOUT';
    default: return status >= 500 ? 'SSR_ERR_INTERNAL' : 'SSR_ERR_BAD_REQUEST';
  }
}

function textOf(code: ErrorCode): ErrorPageText {
  return ERROR_PAGES[code] ?? ERROR_PAGES.SSR_ERR_INTERNAL!;
}

/**
 * Send the error page for `code` (its status unless `status` says otherwise; `text` replaces the
 * table's title and message, which must never contain request input).
 */
export function sendErrorPage(reply: FastifyReply, code: ErrorCode, override: Partial<ErrorPageText> = {}): FastifyReply {
  const { status, title, message } = { ...textOf(code), ...override };
  return reply
    .code(status)
    // Also here, not only in the onSend hook: the router's bad-URL replies run before the hooks exist.
    .headers(ANSWER_HEADERS)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-error-code', code)
    .send(renderPlainPage(status, title, message, code));
}

/**
 * The whole HTTP/1.1 answer for errors Node reports before any request object exists (unparseable
 * request, oversized head, head timeout): written straight to the socket, which then closes.
 */
export function rawErrorAnswer(code: ErrorCode): string {
  const { status, title, message } = textOf(code);
  const body = renderPlainPage(status, title, message, code);
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    'x-error-code': code,
    ...ANSWER_HEADERS,
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n\r\n${body}`;
}
