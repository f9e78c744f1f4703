/**
 * The page route shared by every host: GET/HEAD on any path not claimed by a more specific route is a
 * page. The host supplies `answer` (local render for the renderer, the offload policy for the gateway);
 * the URL is already canonical (plugins/canonical-url.ts answered every other one before any route ran); this
 * plugin sends status, headers and HTML, and adds `x-render-by` and
 * `server-timing`. Other methods get 405 with `Allow`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RenderRequest, RenderResult } from '../render-contract.js';
import { clientGoneSignal } from '../client-gone.js';
import { codeForStatus, sendErrorPage } from '../error-page.js';
import type { ErrorCode } from '../errors.js';
import { encodedBodyOf } from '../encoded-body.js';
import { toRenderRequest } from '../render-request.js';

export type RenderBy = 'fc' | 'local' | 'cache';

export interface Timing {
  name: string;
  durationMs: number;
  description?: string;
}

export interface PageAnswer {
  result: RenderResult;
  renderBy: RenderBy;
  timings: Timing[];
  /** Added to the request's access-log line (target, outcome, fallback reason). */
  log?: Record<string, unknown>;
}

/** What a host does with a page request. Throwing means "no page could be produced". */
export type AnswerPage = (renderRequest: RenderRequest, context: { request: FastifyRequest; signal: AbortSignal }) => Promise<PageAnswer>;

/**
 * A page the host can answer at once, without waiting on anything (the gateway: a fresh copy in the render
 * cache's memory tier), else undefined and `answer` runs. Such an answer skips what only a render needs:
 * the client-gone signal, the forwarded headers, a promise.
 */
export type AnswerAtOnce = (renderRequest: RenderRequest, request: FastifyRequest) => PageAnswer | undefined;

export interface PagesOptions {
  answer: AnswerPage;
  answerAtOnce?: AnswerAtOnce;
  /** A URL that names a file, not a page (`/wp-login.php`): answered 404 without rendering. */
  isFile?: (url: string) => boolean;
  /** Forward the cookie header into RenderRequest (off by default: pages are public and cacheable). */
  includeCookies?: boolean;
  /** Last resort when `answer` throws; defaults to 500. The gateway answers 503 + Retry-After. */
  onNoPage?: (reply: FastifyReply, error: unknown) => FastifyReply;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Set once a page is sent: who rendered it, for the access log and metrics. */
    renderBy?: RenderBy;
  }
}

export const PAGE_METHODS = ['GET', 'HEAD'];
const OTHER_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/** `server-timing: render;dur=12.3, fc;dur=10.1;desc="..."` */
export function formatServerTiming(timings: Timing[]): string {
  return timings
    .map(({ name, durationMs, description }) => `${name};dur=${durationMs.toFixed(1)}${description ? `;desc="${description.replace(/["\\]/g, '')}"` : ''}`)
    .join(', ');
}

/** Send a RenderResult as the HTTP answer. */
export function sendPage(reply: FastifyReply, answer: PageAnswer): FastifyReply {
  const { result, renderBy, timings, log } = answer;
  reply.renderBy = renderBy;
  if (log) Object.assign(reply.logFields, log);
  return reply
    .code(result.status)
    .headers(result.headers)
    .header('x-render-by', renderBy)
    .header('server-timing', formatServerTiming(timings))
    // The bytes the HTML already exists as (server/encoded-body.ts), else the string.
    .send(encodedBodyOf(result) ?? result.html);
}

/** A minimal error page (no user input echoed) carrying its SSR_ERR_* code (by default the status's). */
export function sendPlainError(reply: FastifyReply, status: number, title: string, message: string, code: ErrorCode = codeForStatus(status)): FastifyReply {
  return sendErrorPage(reply, code, { status, title, message });
}

export default async function pages(app: FastifyInstance, options: PagesOptions) {
  const onNoPage = options.onNoPage ?? ((reply) => sendErrorPage(reply, 'SSR_ERR_RENDER'));

  const { answerAtOnce, isFile } = options;

  async function answerLater(request: FastifyRequest, reply: FastifyReply, renderRequest: RenderRequest): Promise<FastifyReply> {
    // Upstream work stops when the client goes away before the answer is sent (one signal per connection).
    const signal = clientGoneSignal(request.raw.socket);
    try {
      const answer = await options.answer(renderRequest, { request, signal });
      return sendPage(reply, answer);
    } catch (error) {
      if (signal.aborted) {
        // The client left; nobody reads this answer. 499 is nginx's "client closed request".
        reply.logFields.outcome = 'client-gone';
        return reply.code(499).send();
      }
      request.log.error({ err: error }, 'no page could be produced');
      return onNoPage(reply, error);
    }
  }

  // Not async: a page answered at once is sent before the handler returns (undefined: nothing more to send).
  app.get('/*', (request, reply) => {
    // In the handler, not a preHandler hook: a hook would put Fastify's hook runner on every page's path.
    if (isFile?.(request.url)) return sendErrorPage(reply, 'SSR_ERR_NOT_FOUND', { message: 'There is no file at this address.' });
    const renderRequest = toRenderRequest(request, { includeCookies: options.includeCookies });
    const ready = answerAtOnce?.(renderRequest, request);
    if (ready === undefined) return answerLater(request, reply, renderRequest);
    sendPage(reply, ready);
    return undefined;
  });

  app.route({
    method: [...OTHER_METHODS],
    url: '/*',
    // Answer in onRequest, before body parsing: a page refuses the method whatever the body's type, and
    // its body is never read (server/plugins/request-body-gate.ts closes the connection instead).
    onRequest: async (_request, reply) => sendErrorPage(reply.header('allow', PAGE_METHODS.join(', ')), 'SSR_ERR_METHOD'),
    handler: async () => undefined,
  });
}
