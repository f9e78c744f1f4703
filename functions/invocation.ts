/**
 * One invocation of the built-in runtime handler: decode the event (Buffer, string or object), decide
 * whether it is an HTTP-trigger event or a direct-invoke payload by its shape, render, and answer in the
 * same shape. The only error decision is about the event itself (STYLE.md rule 3): a malformed event gets
 * a 400-shaped answer before the app runs; a render that throws gets a 500 page. Nothing throws out.
 */
import type { Render, RenderRequest, RenderResult } from '../server/render-contract.js';
import { renderPlainPage } from '../server/plain-page.js';
import { BadEventError, RenderFailedError } from '../server/errors.js';
import { canonicalUrlAnswer } from '../server/canonical-url-answer.js';
import { canonicalPageUrl } from '../server/page-url.js';
import { healthAnswer, isHealthRequest } from './health-answer.js';
import { isHttpTriggerEvent, toFcResponse, toRenderRequest as fromHttpTrigger, type FcContext, type FcHttpResponse } from './fc-event.js';
import { toInvokeAnswer, toRenderRequest as fromPayload, type InvokeAnswer } from './invoke-payload.js';

/** `http-trigger` answers with FC's response struct, `direct` with the `{status, headers, html}` JSON. */
export type InvocationShape = 'http-trigger' | 'direct';

export type Invocation =
  | { ok: true; shape: InvocationShape; request: RenderRequest; head: boolean }
  | { ok: false; shape: InvocationShape; error: Error & { statusCode?: number; code?: string } };

export type InvocationAnswer = FcHttpResponse | InvokeAnswer;

/** The handler FC calls: `handler(event, context)`. */
export type FcHandler = (event: Buffer | string | object, context?: FcContext) => Promise<InvocationAnswer>;

const HTML = 'text/html; charset=utf-8';
const TITLES: Record<number, string> = { 400: 'Bad request', 405: 'Method not allowed', 500: 'Something went wrong' };

function decode(event: unknown): unknown {
  if (Buffer.isBuffer(event) || event instanceof Uint8Array) return JSON.parse(Buffer.from(event).toString('utf8'));
  if (typeof event === 'string') return JSON.parse(event);
  return event;
}

/**
 * Decode and translate an event; never throws. Text that is not JSON cannot be an HTTP-trigger event
 * (FC always sends JSON for those), so it is answered in the direct-invoke shape.
 */
export function readInvocation(event: unknown, { only }: { only?: InvocationShape } = {}): Invocation {
  let value: unknown;
  try {
    value = decode(event);
  } catch (error) {
    return { ok: false, shape: only ?? 'direct', error: new BadEventError('event is not JSON', { cause: error }) };
  }
  const shape: InvocationShape = only ?? (isHttpTriggerEvent(value) ? 'http-trigger' : 'direct');
  try {
    if (shape === 'direct') return { ok: true, shape, request: fromPayload(value), head: false };
    const { request, head } = fromHttpTrigger(value);
    return { ok: true, shape, request, head };
  } catch (error) {
    return { ok: false, shape, error: error as Error };
  }
}

/** A plain error page for answers that never reached the app; no event content is echoed. */
export function errorPage(error: { statusCode?: number }): RenderResult {
  const status = error.statusCode ?? 500;
  const headers: Record<string, string> = { 'content-type': HTML, 'cache-control': 'no-store' };
  if (status === 405) headers.allow = 'GET, HEAD';
  const title = TITLES[status] ?? TITLES[500]!;
  return { status, headers, html: renderPlainPage(status, title, status === 500 ? 'This page could not be rendered.' : 'This request could not be understood.') };
}

/** Put a RenderResult into the shape the caller sent. */
export function toAnswer(shape: InvocationShape, result: RenderResult, head = false): InvocationAnswer {
  return shape === 'http-trigger' ? toFcResponse(result, { head }) : toInvokeAnswer(result);
}

/** Runs one render inside a span continuing the caller's trace (functions/function-tracing.ts). */
export type TraceInvocation = (request: RenderRequest, context: FcContext | undefined, render: () => Promise<RenderResult>) => Promise<RenderResult>;

export interface HandlerOptions {
  /** Accept only this shape (the custom runtime's `POST /invoke` takes direct-invoke payloads only). */
  only?: InvocationShape;
  /** Told about render crashes; defaults to one JSON line on stderr (FC's function log). */
  onFailure?: (error: Error & { code?: string }, context: FcContext | undefined) => void;
  /** Tracing, when an OTLP endpoint is configured (resolved once, on the first invocation). */
  trace?: () => Promise<TraceInvocation | undefined>;
}

function logFailure(error: Error & { code?: string }, context: FcContext | undefined): void {
  // FC collects stdout/stderr into the function log; one JSON line per failure.
  console.error(JSON.stringify({ level: 'error', requestId: context?.requestId, code: error.code, msg: error.message, cause: String((error.cause as Error | undefined)?.stack ?? '') }));
}

/**
 * Build the handler around a render function obtained lazily (so a failing start-up becomes a 500 page
 * for the caller and a log line, not an unhandled rejection).
 * @example
 * export const handler = createHandler(() => render);
 */
export function createHandler(renderer: () => Render | Promise<Render>, { only, onFailure = logFailure, trace }: HandlerOptions = {}): FcHandler {
  return async function handler(event, context) {
    const invocation = readInvocation(event, { only });
    if (!invocation.ok) return toAnswer(invocation.shape, errorPage(invocation.error));
    // The hosts' canonical-URL rule, as in front of every Fastify host: the app only sees canonical URLs,
    // so FC and local render answer a URL alike (a 301 to the canonical URL, or the 400 page).
    const early = canonicalUrlAnswer(canonicalPageUrl(invocation.request.url), invocation.head ? 'HEAD' : 'GET');
    if (early) return toAnswer(invocation.shape, early, invocation.head);
    // The gateway's health probe: answered here, without a render (and without a trace span per probe).
    if (isHealthRequest(invocation.request)) {
      return toAnswer(invocation.shape, await healthAnswer(Promise.resolve().then(renderer)), invocation.head);
    }
    try {
      const render = async () => (await renderer())(invocation.request);
      const traced = await trace?.();
      return toAnswer(invocation.shape, await (traced ? traced(invocation.request, context, render) : render()), invocation.head);
    } catch (cause) {
      const error = new RenderFailedError(invocation.request.url, { cause });
      onFailure(error, context);
      return toAnswer(invocation.shape, errorPage(error), invocation.head);
    }
  };
}
