/**
 * A local Function Compute 3.0 for `npm start`, the gateway's tests and the benchmarks. It runs the REAL
 * function bundle behind the REAL wire formats, on 127.0.0.1 only:
 *
 * - HTTP trigger: `GET|HEAD /any/path?q` → FC 3.0 HTTP-trigger event (Buffer of JSON) → handler →
 *   response struct → HTTP, plus the headers FC adds (`x-fc-request-id`, `x-fc-instance-id`, and
 *   `content-disposition: attachment` as on `*.fcapp.run`, a knob).
 * - OpenAPI `POST /2023-03-30/functions/{name}/invocations` (what `@alicloud/fc20230330` sends): body =
 *   direct-invoke payload; 200 + the function's JSON; a function error is 200 + `x-fc-error-type`.
 *   Signatures are NOT verified (any `Authorization` is accepted): this is a local stand-in, never exposed.
 * - Admin: `GET|PUT /__emulator/faults`, `GET /__emulator/stats`, `POST /__emulator/reset-stats`,
 *   `POST /__emulator/recycle` (drop warm instances: the next calls are cold starts).
 *
 * Like FC's built-in runtimes, one instance serves one request at a time: a call with no idle instance
 * starts a new one (cold start, `coldStartMs`, the function's `initialize`).
 *
 * Custom-container mode (`containerUrl`): no function is loaded; HTTP-trigger calls pass through to that
 * server unchanged and InvokeFunction becomes `POST /invoke` on it, as FC does for a custom container
 * (custom-container.ts). The fault knobs apply the same way; a container that cannot be reached is
 * answered 502 `FunctionNotStarted`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createCoin, DEFAULT_FAULTS, mergeFaults, type Faults } from './faults.js';
import { loadFunction, type FunctionModule } from './load-function.js';
import { forwardToContainer } from './custom-container.js';
import { fromHttpTriggerResponse, toHttpTriggerEvent } from './trigger-event.js';

export interface EmulatorOptions {
  /** Default 0 (an ephemeral port). The host is always 127.0.0.1. */
  port?: number;
  /** Name answered on the invocations endpoint; others get 404 FunctionNotFound. Default `ssr-render`. */
  functionName?: string;
  /** Module exporting `handler` (and optionally `initialize`); default: the built bundle, else functions/handler.ts. */
  functionPath?: string;
  /** Custom-container mode: forward every call to this server (`http://127.0.0.1:8080`) instead of running a function. */
  containerUrl?: string;
  /** Initial knobs over DEFAULT_FAULTS. */
  faults?: Partial<Faults>;
  /** How the emulator waits (latency, cold start, slow calls); tests pass a recorder. Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Told after each call's outcome is decided (a hung call: as soon as it starts hanging). */
  onOutcome?: (kind: CallKind, outcome: Outcome) => void;
  /**
   * A call open longer than this (ms, from its arrival until its response or socket closed) counts as
   * overdue in `stats().open`: set it a little above the client's deadline (the gateway's FC_TIMEOUT_MS)
   * and any call the client forgot to abort shows up. 0 (default): nothing counts as overdue.
   */
  overdueMs?: number;
  /** Told when a call's response or socket closes, with how long it was open (ms). */
  onCallClosed?: (kind: CallKind, openMs: number) => void;
  /** The clock calls are timed with (ms); tests pass a fake one. Default `performance.now`. */
  now?: () => number;
}

export type CallKind = 'http' | 'invoke';
export type Outcome = 'ok' | 'error' | 'throttle' | 'functionError' | 'hang' | 'reset' | 'garbage' | 'notFound';

export interface EmulatorStats {
  /** Calls by kind (admin calls are not counted); `total` = http + invoke. */
  calls: { http: number; invoke: number; total: number };
  outcomes: Record<Outcome, number>;
  coldStarts: number;
  inFlight: number;
  /**
   * How long calls stayed open, seen from FC's side: a call the client stopped waiting for but never
   * aborted keeps its socket (and, on real FC, its instance) busy.
   */
  open: {
    /** The longest any call has been open so far (closed, or still open now), ms. */
    longestMs: number;
    /** The threshold of `overdue` (the `overdueMs` option; 0 = off). */
    overdueMs: number;
    /** Calls open longer than `overdueMs`: closed late, plus still open and already past it. */
    overdue: number;
    /** Of `overdue`, how many are still open now. */
    overdueOpen: number;
  };
}

export interface Emulator {
  /** `http://127.0.0.1:<port>`: the HTTP-trigger URL and the SDK endpoint at once. */
  url: string;
  port: number;
  /** Merge knobs at run time (validated; throws SSR_ERR_CONFIG naming a bad knob). */
  setFaults(partial: Partial<Faults>): Faults;
  faults(): Faults;
  stats(): EmulatorStats;
  resetStats(): void;
  /** Close the server, destroying hung and idle sockets. */
  close(): Promise<void>;
}

/** A slow body arrives in this many pieces, evenly spread over `slowBodyMs`. */
const SLOW_BODY_PIECES = 10;

const INVOCATIONS = /^\/2023-03-30\/functions\/([^/?]+)\/invocations(?:\?|$)/;
const MAX_BODY = 6 * 1024 * 1024;

type Counters = Omit<EmulatorStats, 'open'> & { longestClosedMs: number; overdueClosed: number };

function emptyStats(): Counters {
  return {
    calls: { http: 0, invoke: 0, total: 0 },
    outcomes: { ok: 0, error: 0, throttle: 0, functionError: 0, hang: 0, reset: 0, garbage: 0, notFound: 0 },
    coldStarts: 0,
    inFlight: 0,
    longestClosedMs: 0,
    overdueClosed: 0,
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) request.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function fcError(code: string, message: string, requestId: string): Record<string, string> {
  return { Code: code, Message: message, RequestId: requestId };
}

/** The function "threw": FC's body for an UnhandledInvocationError (docs/sources.md#fc-function-error). */
function functionErrorBody(error: unknown): Record<string, unknown> {
  const err = error instanceof Error ? error : new Error(String(error));
  return { errorMessage: err.message, errorType: err.name, stackTrace: (err.stack ?? '').split('\n').slice(1).map((line) => line.trim()) };
}

/**
 * Start the emulator on 127.0.0.1.
 * @example
 * const fc = await startEmulator({ faults: { throttleRate: 1 } });
 * await fetch(`${fc.url}/products/1001`); // 429 ResourceThrottled
 * fc.setFaults({ throttleRate: 0 });
 * t.equal(fc.stats().calls.total, 1);
 * await fc.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const functionName = options.functionName ?? 'ssr-render';
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()));
  const containerUrl = options.containerUrl;
  const module: FunctionModule | undefined = containerUrl ? undefined : (await loadFunction(options.functionPath)).module;
  let faults = mergeFaults({ ...DEFAULT_FAULTS }, options.faults ?? {});
  let flip = createCoin(faults.seed);
  const now = options.now ?? (() => performance.now());
  const overdueMs = options.overdueMs ?? 0;
  if (!Number.isInteger(overdueMs) || overdueMs < 0) throw new RangeError(`overdueMs must be a non-negative integer, got ${overdueMs}`);
  let stats = emptyStats();
  let idleInstances: string[] = [];
  const hung = new Set<ServerResponse>();
  /** Arrival time of every call still open (stats survive reset-stats for these, like inFlight). */
  const openSince = new Map<ServerResponse, number>();

  const snapshot = (): EmulatorStats => {
    const at = now();
    let longestMs = stats.longestClosedMs;
    let overdueOpen = 0;
    for (const since of openSince.values()) {
      longestMs = Math.max(longestMs, at - since);
      if (overdueMs > 0 && at - since > overdueMs) overdueOpen += 1;
    }
    const { longestClosedMs: _longest, overdueClosed, ...counts } = structuredClone(stats);
    return { ...counts, open: { longestMs: Math.round(longestMs), overdueMs, overdue: overdueClosed + overdueOpen, overdueOpen } };
  };

  const setFaults = (partial: Partial<Faults>): Faults => {
    faults = mergeFaults(faults, partial);
    if ('seed' in partial) flip = createCoin(faults.seed);
    return faults;
  };

  /** Take an idle instance or start one (cold start + initializer), like a built-in runtime. */
  async function acquireInstance(fn: FunctionModule | undefined, requestId: string): Promise<string> {
    const warm = idleInstances.pop();
    if (warm) return warm;
    stats.coldStarts += 1;
    if (faults.coldStartMs > 0) await sleep(faults.coldStartMs);
    await fn?.initialize?.({ requestId });
    return `c-${randomUUID().slice(0, 18)}`;
  }

  /**
   * Shared by both kinds of call: count, delay, then either inject a fault (returns the outcome, response
   * already handled) or run the function in an instance.
   */
  async function call(kind: CallKind, request: IncomingMessage, response: ServerResponse, run: (instanceId: string, requestId: string) => Promise<Outcome>): Promise<void> {
    const requestId = `1-${Date.now().toString(16)}-${randomUUID().slice(0, 18)}`;
    stats.calls[kind] += 1;
    stats.calls.total += 1;
    stats.inFlight += 1;
    openSince.set(response, now());
    response.once('close', () => {
      const openMs = now() - (openSince.get(response) ?? now());
      openSince.delete(response);
      stats.inFlight -= 1;
      stats.longestClosedMs = Math.max(stats.longestClosedMs, openMs);
      if (overdueMs > 0 && openMs > overdueMs) stats.overdueClosed += 1;
      hung.delete(response);
      options.onCallClosed?.(kind, openMs);
    });
    const fcHeaders = { 'x-fc-request-id': requestId };
    let outcome: Outcome;
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (flip(faults.slowRate) && faults.slowMs > 0) await sleep(faults.slowMs);
    if (flip(faults.resetRate)) {
      outcome = 'reset';
      request.socket.destroy();
    } else if (flip(faults.hangRate)) {
      outcome = 'hang';
      hung.add(response);
    } else if (flip(faults.throttleRate)) {
      outcome = 'throttle';
      sendJson(response, 429, fcError('ResourceThrottled', 'Reserve resource exhausted, please retry later', requestId), fcHeaders);
    } else if (flip(faults.errorRate)) {
      outcome = 'error';
      sendJson(response, faults.errorStatus, fcError(faults.errorStatus === 503 ? 'ServiceUnavailable' : 'InternalServerError', 'injected by the emulator', requestId), fcHeaders);
    } else {
      try {
        outcome = await run(await acquireInstance(module, requestId), requestId);
      } catch (error) {
        outcome = 'functionError';
        if (!response.headersSent) sendJson(response, kind === 'invoke' ? 200 : 502, functionErrorBody(error), { ...fcHeaders, 'x-fc-error-type': 'UnhandledInvocationError' });
      }
    }
    stats.outcomes[outcome] += 1;
    options.onOutcome?.(kind, outcome);
  }

  /**
   * Send an answer; with `slowBodyRate`, headers at once and the body in pieces over `slowBodyMs` (a
   * streaming answer that stalls: the client's deadline must cover the body, not only the headers).
   */
  async function writeAnswer(response: ServerResponse, status: number, headers: Record<string, string | number | string[]>, body: Buffer): Promise<void> {
    response.writeHead(status, { ...headers, 'content-length': body.length });
    if (!flip(faults.slowBodyRate) || faults.slowBodyMs <= 0) {
      response.end(body);
      return;
    }
    response.flushHeaders();
    const piece = Math.ceil(body.length / SLOW_BODY_PIECES);
    for (let i = 0; i < SLOW_BODY_PIECES; i += 1) {
      await sleep(faults.slowBodyMs / SLOW_BODY_PIECES);
      if (response.destroyed) return; // the client gave up: nothing to send to
      response.write(body.subarray(i * piece, (i + 1) * piece));
    }
    response.end();
  }

  /** Run the handler in an instance; the instance returns to the pool afterwards. */
  async function invokeHandler(instanceId: string, requestId: string, event: Buffer): Promise<unknown> {
    try {
      if (flip(faults.functionErrorRate)) throw Object.assign(new Error('injected function error'), { name: 'InjectedError' });
      return await module!.handler(event, { requestId, region: 'cn-hangzhou', accountId: '1234567890123456', function: { name: functionName, handler: 'index.handler', memory: 1024, timeout: 30 } });
    } finally {
      idleInstances.push(instanceId);
    }
  }

  async function onInvocation(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    const body = await readBody(request);
    if (name !== functionName) {
      stats.outcomes.notFound += 1;
      sendJson(response, 404, fcError('FunctionNotFound', `function '${name}' does not exist`, randomUUID()));
      return;
    }
    await call('invoke', request, response, async (instanceId, requestId) => {
      const headers = { 'x-fc-request-id': requestId, 'x-fc-instance-id': instanceId, 'x-fc-invocation-service-version': 'LATEST' };
      if (containerUrl) {
        try {
          return await viaContainer(request, response, { method: 'POST', path: '/invoke', body, requestId, fcHeaders: headers });
        } finally {
          idleInstances.push(instanceId);
        }
      }
      const result = await invokeHandler(instanceId, requestId, body);
      if (flip(faults.garbageRate)) {
        response.writeHead(200, { ...headers, 'content-type': 'application/json' });
        response.end('{"status":200,"headers":{"content-type":"text/ht');
        return 'garbage';
      }
      const text = Buffer.isBuffer(result) ? result : Buffer.from(typeof result === 'string' ? result : JSON.stringify(result));
      await writeAnswer(response, 200, { ...headers, 'content-type': 'application/json' }, text);
      return 'ok';
    });
  }

  /** Custom-container mode: the call goes to the container's server; its answer comes back as it is. */
  async function viaContainer(request: IncomingMessage, response: ServerResponse, call: { method: string; path: string; body: Buffer; requestId: string; fcHeaders: Record<string, string> }): Promise<Outcome> {
    let answer;
    try {
      answer = await forwardToContainer(containerUrl!, { ...call, headers: request.headers, fcHeaders: { 'x-fc-request-id': call.requestId, 'x-fc-function-name': functionName, 'x-fc-region': 'cn-hangzhou' } });
    } catch (error) {
      sendJson(response, 502, fcError('FunctionNotStarted', `the container is not reachable: ${(error as Error).message}`, call.requestId), call.fcHeaders);
      return 'error';
    }
    if (flip(faults.functionErrorRate)) throw Object.assign(new Error('injected function error'), { name: 'InjectedError' });
    if (flip(faults.garbageRate)) {
      response.writeHead(200, { ...call.fcHeaders, 'content-type': 'application/octet-stream' });
      response.end(Buffer.from([0x00, 0xff, 0x13, 0x37]));
      return 'garbage';
    }
    response.writeHead(answer.status, { ...answer.headers, ...call.fcHeaders, ...(faults.contentDisposition && call.method !== 'POST' ? { 'content-disposition': 'attachment' } : {}), 'content-length': answer.body.length });
    response.end(call.method === 'HEAD' ? undefined : answer.body);
    return 'ok';
  }

  async function onHttpTrigger(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    await call('http', request, response, async (instanceId, requestId) => {
      const fcHeaders: Record<string, string> = { 'x-fc-request-id': requestId, 'x-fc-instance-id': instanceId };
      if (containerUrl) {
        try {
          return await viaContainer(request, response, { method: request.method ?? 'GET', path: request.url ?? '/', body, requestId, fcHeaders });
        } finally {
          idleInstances.push(instanceId);
        }
      }
      const event = Buffer.from(JSON.stringify(toHttpTriggerEvent(request, body, requestId)));
      const answer = fromHttpTriggerResponse(await invokeHandler(instanceId, requestId, event));
      if (!answer) {
        sendJson(response, 502, fcError('BadResponse', 'the function returned an invalid HTTP response struct', requestId), fcHeaders);
        return 'error';
      }
      if (faults.contentDisposition) fcHeaders['content-disposition'] = 'attachment';
      if (flip(faults.garbageRate)) {
        const junk = Buffer.from([0x00, 0xff, 0x13, 0x37, 0x7b, 0x22]);
        response.writeHead(200, { ...fcHeaders, 'content-type': 'application/octet-stream', 'content-length': junk.length });
        response.end(junk);
        return 'garbage';
      }
      await writeAnswer(response, answer.status, { ...answer.headers, ...fcHeaders }, answer.body);
      return 'ok';
    });
  }

  async function onAdmin(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const body = await readBody(request);
    if (path === '/__emulator/faults' && request.method === 'GET') return sendJson(response, 200, faults);
    if (path === '/__emulator/faults' && request.method === 'PUT') {
      try {
        const partial = JSON.parse(body.toString('utf8') || '{}') as unknown;
        if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) throw new TypeError('body must be a JSON object');
        return sendJson(response, 200, setFaults(partial as Partial<Faults>));
      } catch (error) {
        return sendJson(response, 400, { error: (error as Error).message });
      }
    }
    if (path === '/__emulator/stats' && request.method === 'GET') return sendJson(response, 200, snapshot());
    if (path === '/__emulator/reset-stats' && request.method === 'POST') {
      stats = { ...emptyStats(), inFlight: stats.inFlight };
      response.writeHead(204).end();
      return;
    }
    if (path === '/__emulator/recycle' && request.method === 'POST') {
      idleInstances = [];
      response.writeHead(204).end();
      return;
    }
    sendJson(response, 404, { error: 'unknown emulator admin endpoint' });
  }

  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const invocation = request.method === 'POST' ? INVOCATIONS.exec(url) : null;
    const done = path.startsWith('/__emulator/') ? onAdmin(request, response, path)
      : invocation ? onInvocation(request, response, decodeURIComponent(invocation[1] ?? ''))
        : onHttpTrigger(request, response);
    done.catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, fcError('InternalServerError', String((error as Error).message), randomUUID()));
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 75_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setFaults,
    faults: () => ({ ...faults }),
    stats: snapshot,
    resetStats: () => { stats = { ...emptyStats(), inFlight: stats.inFlight }; },
    close: () => new Promise<void>((resolve) => {
      for (const response of hung) response.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
