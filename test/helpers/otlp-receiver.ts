/**
 * An OTLP/HTTP traces receiver on loopback for tests: `POST /v1/traces` with a JSON
 * `ExportTraceServiceRequest` (https://opentelemetry.io/docs/specs/otlp/#otlphttp, JSON encoding with hex
 * trace/span ids), optionally gzip-encoded, answered `200 {}` as a collector does. It decodes what the real
 * exporter sends; nothing here is a mock of the SDK.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { Test } from 'tap';

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type KeyValue = { key: string; value: AnyValue };

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, string | number | boolean>;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
  startNs: bigint;
  endNs: bigint;
}

export const SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const;

function valueOf(value: AnyValue): string | number | boolean {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.boolValue !== undefined) return value.boolValue;
  return value.doubleValue ?? '';
}

function attributes(list: KeyValue[] | undefined): Record<string, string | number | boolean> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, valueOf(value)]));
}

export interface OtlpReceiver {
  /** Base URL for OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces). */
  url: string;
  spans(): ReceivedSpan[];
  /**
   * Resolves as soon as the spans received so far satisfy `done` (checked on every export), or with
   * whatever arrived after `deadlineMs` (default 30 s) so the test's assertions say what is missing.
   */
  waitFor(done: (spans: ReceivedSpan[]) => boolean, deadlineMs?: number): Promise<ReceivedSpan[]>;
  /** Content types of the exports received (the wire format actually used). */
  contentTypes(): string[];
}

export async function startOtlpReceiver(t: Test): Promise<OtlpReceiver> {
  const received: ReceivedSpan[] = [];
  const types: string[] = [];
  const waiters: Array<{ done: (spans: ReceivedSpan[]) => boolean; resolve: (spans: ReceivedSpan[]) => void }> = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.done(received)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve([...received]);
      }
    }
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      let body = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      types.push(String(request.headers['content-type']));
      const message = JSON.parse(body.toString('utf8')) as {
        resourceSpans?: Array<{ resource?: { attributes?: KeyValue[] }; scopeSpans?: Array<{ spans?: Array<Record<string, unknown>> }> }>;
      };
      for (const resourceSpans of message.resourceSpans ?? []) {
        const service = String(attributes(resourceSpans.resource?.attributes)['service.name'] ?? '');
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            received.push({
              service,
              traceId: String(span.traceId),
              spanId: String(span.spanId),
              parentSpanId: span.parentSpanId ? String(span.parentSpanId) : undefined,
              name: String(span.name),
              kind: Number(span.kind),
              attributes: attributes(span.attributes as KeyValue[]),
              statusCode: Number((span.status as { code?: number } | undefined)?.code ?? 0),
              startNs: BigInt(String(span.startTimeUnixNano)),
              endNs: BigInt(String(span.endTimeUnixNano)),
            });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      check();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans: () => [...received],
    contentTypes: () => [...types],
    waitFor: (done, deadlineMs = 30_000) => new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiters.splice(waiters.findIndex((waiter) => waiter.resolve === settle), 1);
        resolve([...received]);
      }, deadlineMs);
      const settle = (spans: ReceivedSpan[]) => {
        clearTimeout(timer);
        resolve(spans);
      };
      waiters.push({ done, resolve: settle });
      check();
    }),
  };
}

/** The spans of one trace, by name (the first of each name). */
export function byName(spans: ReceivedSpan[]): Map<string, ReceivedSpan> {
  const map = new Map<string, ReceivedSpan>();
  for (const span of spans) if (!map.has(span.name)) map.set(span.name, span);
  return map;
}
