/**
 * The emulator's side of the HTTP trigger: an incoming HTTP request → the FC 3.0 HTTP-trigger event FC
 * would build (docs/sources.md#fc-http-trigger-event), and the function's response struct → the HTTP response FC would send.
 */
import type { IncomingMessage } from 'node:http';
import type { FcHttpTriggerEvent } from '../fc-event.js';

/** Content types FC passes as text; anything else is base64 with `isBase64Encoded: true`. */
const TEXT_BODY = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript))/;

/** Headers a client may not send to FC (docs/sources.md#fc-custom-runtime), so the event never has them. */
const CLIENT_FORBIDDEN = /^(x-fc-|connection$|keep-alive$)/;

/**
 * Build the event the way FC does: encoded `rawPath`, decoded `http.path`, repeated headers and query keys
 * comma-joined, lower-case header names (as Node delivers them), base64 for binary bodies.
 */
export function toHttpTriggerEvent(request: IncomingMessage, body: Buffer, requestId: string, now = new Date()): FcHttpTriggerEvent {
  const target = request.url ?? '/';
  const queryAt = target.indexOf('?');
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const queryParameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1))) {
    queryParameters[key] = key in queryParameters ? `${queryParameters[key]},${value}` : value;
  }
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (values && !CLIENT_FORBIDDEN.test(name)) headers[name] = values.join(',');
  }
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // FC would refuse such a path; keep it raw so the handler's own validation decides.
  }
  const text = body.length === 0 || TEXT_BODY.test(headers['content-type'] ?? '');
  const host = headers.host ?? '127.0.0.1';
  return {
    version: 'v1',
    rawPath,
    body: text ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: !text,
    headers,
    queryParameters,
    requestContext: {
      accountId: '1234567890123456',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: request.method ?? 'GET',
        path,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      timeEpoch: String(now.getTime()),
    },
  };
}

/** Response headers FC owns; a function cannot set them, so the emulator drops them too. */
const RESERVED = /^(x-fc-|connection$|content-length$|date$|keep-alive$|server$|transfer-encoding$)/;

export interface TriggerAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The function's return value → HTTP answer, or undefined when it is not a valid response struct (FC: 502). */
export function fromHttpTriggerResponse(value: unknown): TriggerAnswer | undefined {
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return undefined;
  const struct = value as Record<string, unknown>;
  const status = struct.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return undefined;
  const headers: Record<string, string> = {};
  if (typeof struct.headers === 'object' && struct.headers !== null) {
    for (const [name, entry] of Object.entries(struct.headers as Record<string, unknown>)) {
      if (typeof entry === 'string' && !RESERVED.test(name.toLowerCase())) headers[name.toLowerCase()] = entry;
    }
  }
  const raw = typeof struct.body === 'string' ? struct.body : '';
  return { status, headers, body: Buffer.from(raw, struct.isBase64Encoded === true ? 'base64' : 'utf8') };
}
