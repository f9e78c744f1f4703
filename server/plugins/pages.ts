/**
 * The page route shared by every host: GET/HEAD on any path not claimed by a more specific route is a
 * page. The host supplies `answer` (local render for the renderer, the offload policy for the gateway);
 * the URL is already canonical (plugins/canonical-url.ts answered every other one before any route ran); this
 * plugin sends status, headers and HTML, and adds `x-render-by` and
 * `server-timing`. Other methods get 405 with `Allow`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RenderRequest, RenderResult } from '../render-contract.js';
import { codeForStatus, sendErrorPage } from '../error-page.js';
import type { ErrorCode } from '../errors.js';
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

export interface PagesOptions {
  answer: AnswerPage;
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
export function sendPage(reply: FastifyReply, { result, renderBy, timings, log }: PageAnswer): FastifyReply {
  reply.renderBy = renderBy;
  if (log) Object.assign(reply.logFields, log);
  return reply
    .code(result.status)
    .headers(result.headers)
    .header('x-render-by', renderBy)
    .header('server-timing', formatServerTiming(timings))
    .send(result.html);
}

/** A minimal error page (no user input echoed) carrying its SSR_ERR_* code (by default the status's). */
export function sendPlainError(reply: FastifyReply, status: number, title: string, message: string, code: ErrorCode = codeForStatus(status)): FastifyReply {
  return sendErrorPage(reply, code, { status, title, message });
}

export default async function pages(app: FastifyInstance, options: PagesOptions) {
  const onNoPage = options.onNoPage ?? ((reply) => sendErrorPage(reply, 'SSR_ERR_RENDER'));

  app.get('/*', async (request, reply) => {
    const controller = new AbortController();
    // Stop upstream work when the client goes away before the answer is sent.
    const onClose = () => { if (!reply.raw.writableFinished) controller.abort(); };
    reply.raw.once('close', onClose);
    try {
      const answer = await options.answer(toRenderRequest(request, { includeCookies: options.includeCookies }), { request, signal: controller.signal });
      return sendPage(reply, answer);
    } catch (error) {
      if (controller.signal.aborted) {
        // The client left; nobody reads this answer. 499 is nginx's "client closed request".
        reply.logFields.outcome = 'client-gone';
        return reply.code(499).send();
      }
      request.log.error({ err: error }, 'no page could be produced');
      return onNoPage(reply, error);
    } finally {
      reply.raw.off('close', onClose);
    }
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
