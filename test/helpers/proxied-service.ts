/**
 * A real HTTP server on loopback standing in for a service behind PROXY_ROUTES: it records every request
 * exactly as it arrived (headers as sent, body bytes) and lets a test watch its connections close.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Test } from 'tap';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as far as it arrived (the whole body unless the request was cut off). */
  body: Buffer;
  /** False when the request's connection closed before the body was complete. */
  complete: boolean;
}

export type Answer = (request: IncomingMessage, response: ServerResponse, received: Received) => void;

export interface RecordingUpstream {
  url: string;
  port: number;
  /** Every request whose headers arrived, in order; `body` grows while it streams. */
  received: Received[];
  /** Resolves with the next request whose headers arrive (or the one already waiting). */
  nextRequest(): Promise<{ received: Received; request: IncomingMessage; response: ServerResponse }>;
  /** Resolves when every connection the upstream accepted so far has closed. */
  allConnectionsClosed(): Promise<void>;
  server: Server;
}

const answerOk: Answer = (_request, response) => {
  response.setHeader('content-type', 'text/plain');
  response.end('upstream ok');
};

/**
 * `answer` runs when the request body has fully arrived (default: 200 "upstream ok"); `answerEarly`
 * runs as soon as the headers arrive instead (for tests whose body never completes).
 */
export async function startRecordingUpstream(t: Test, { answer = answerOk, answerEarly }: { answer?: Answer; answerEarly?: Answer } = {}): Promise<RecordingUpstream> {
  const received: Received[] = [];
  const waiting: Array<(value: { received: Received; request: IncomingMessage; response: ServerResponse }) => void> = [];
  const queued: Array<{ received: Received; request: IncomingMessage; response: ServerResponse }> = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const record: Received = { method: request.method!, url: request.url!, headers: request.headers, body: Buffer.alloc(0), complete: false };
    received.push(record);
    const entry = { received: record, request, response };
    const waiter = waiting.shift();
    if (waiter) waiter(entry);
    else queued.push(entry);
    request.on('data', (chunk: Buffer) => { record.body = Buffer.concat([record.body, chunk]); });
    if (answerEarly) answerEarly(request, response, record);
    request.on('end', () => {
      record.complete = true;
      if (!answerEarly) answer(request, response, record);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    server,
    nextRequest: () => new Promise((resolve) => {
      const entry = queued.shift();
      if (entry) resolve(entry);
      else waiting.push(resolve);
    }),
    allConnectionsClosed: () => Promise.all([...sockets].map((socket) => new Promise<void>((resolve) => {
      if (socket.destroyed) resolve();
      else socket.once('close', () => resolve());
    }))).then(() => undefined),
  };
}
