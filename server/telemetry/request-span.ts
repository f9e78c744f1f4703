/**
 * One server span per request (health probes excepted), continuing the caller's trace when the request
 * carries a W3C `traceparent`. The rest of the request runs inside the span's context, so the offload
 * decision, the FC call and the local render become its children, and every log line of the request
 * carries `trace_id`/`span_id` (the pino mixin in logger.ts; the access-log line gets them explicitly,
 * because `onResponse` runs outside the request's async context).
 */
import type { Span } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ATTR, serverSpanName } from './span-names.js';
import type { Tracing } from './start-tracing.js';

const kSpan = Symbol('ssr.requestSpan');
const UNTRACED = new Set(['/healthz', '/readyz']);

declare module 'fastify' {
  interface FastifyRequest {
    [kSpan]?: Span;
  }
}

export default fp(async function requestSpan(app: FastifyInstance, { tracing }: { tracing: Tracing }) {
  const { api, tracer } = tracing;
  app.addHook('onRequest', (request, reply, done) => {
    if (UNTRACED.has(request.url)) return done();
    const route = request.routeOptions.url;
    const span = tracer.startSpan(serverSpanName(request.method, route), {
      kind: api.SpanKind.SERVER,
      attributes: { [ATTR.HTTP_METHOD]: request.method, [ATTR.URL_PATH]: request.url.split('?', 1)[0]!, ...(route ? { [ATTR.HTTP_ROUTE]: route } : {}) },
    }, tracing.extract(request.headers));
    request[kSpan] = span;
    const { traceId, spanId } = span.spanContext();
    reply.logFields.trace_id = traceId;
    reply.logFields.span_id = spanId;
    // Everything after this hook (routing, handler, awaits inside it) sees the span as active.
    api.context.with(api.trace.setSpan(api.context.active(), span), done);
  });
  const end = (request: { [kSpan]?: Span }, status: number | undefined) => {
    const span = request[kSpan];
    if (!span) return;
    request[kSpan] = undefined;
    if (status !== undefined) span.setAttribute(ATTR.HTTP_STATUS, status);
    // Semantic conventions: a server span is an error for 5xx only (4xx is the client's).
    if (status === undefined || status >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR });
    span.end();
  };
  app.addHook('onResponse', (request, reply, done) => {
    end(request, reply.statusCode);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    request[kSpan]?.setAttribute(ATTR.ERROR_TYPE, 'client-aborted');
    end(request, undefined);
    done();
  });
}, { name: 'ssr-request-span', fastify: '5.x', dependencies: ['ssr-access-log'] });
