/**
 * A loopback HTTP server that records every request target it receives and answers each with a small,
 * valid HTML page (or what `answer` returns): stands in for an FC trigger or a renderer Service whose
 * base path must never be left.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Test } from 'tap';

export interface RecordedRequest {
  method: string;
  url: string;
  body: string;
}

export interface RecordingUpstream {
  /** `http://127.0.0.1:<port>` (no path). */
  origin: string;
  seen: RecordedRequest[];
}

export const UPSTREAM_PAGE = '<!DOCTYPE html><html><head><title>upstream page</title></head><body><h1>upstream page</h1></body></html>';

export async function startRecordingUpstream(t: Test, answer?: (request: IncomingMessage, body: string, response: ServerResponse) => void): Promise<RecordingUpstream> {
  const seen: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => { body += chunk; });
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', body });
      if (answer) return answer(request, body, response);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(UPSTREAM_PAGE);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, seen };
}
