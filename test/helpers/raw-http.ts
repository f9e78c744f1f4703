/**
 * A raw `node:net` HTTP/1.1 client for tests whose client must misbehave (slow bodies, odd headers,
 * `Expect`, pipelined or half-sent requests) or whose assertion is about the connection itself
 * (was it closed, was a `100 Continue` sent). It parses answers just enough: status line, headers,
 * a body framed by content-length or chunked encoding.
 */
import { connect, type Socket } from 'node:net';
import type { Test } from 'tap';

export interface RawResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Header names exactly as they came, in order (e.g. to count `Connection` lines). */
  rawHeaderNames: string[];
  body: string;
}

export interface RawConnection {
  socket: Socket;
  write(data: string | Buffer): void;
  /** The next complete answer on this connection (an interim 1xx answer counts as one, without body). */
  response(): Promise<RawResponse>;
  /** Resolves when the server ended or closed the connection. */
  closed(): Promise<void>;
  readonly isClosed: boolean;
}

function parseHead(head: string): Omit<RawResponse, 'body'> {
  const [statusLine, ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  const headers: Record<string, string> = {};
  const rawHeaderNames: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon);
    rawHeaderNames.push(name);
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return { status, headers, rawHeaderNames };
}

/** Tries to cut one answer off the front of `buffer`; undefined when it is not complete yet. */
function takeResponse(buffer: Buffer, ended: boolean, headOnly: boolean): { response: RawResponse; rest: Buffer } | undefined {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = parseHead(buffer.subarray(0, end).toString('latin1'));
  let offset = end + 4;
  if (head.status < 200 || head.status === 204 || head.status === 304 || headOnly) {
    return { response: { ...head, body: '' }, rest: buffer.subarray(offset) };
  }
  if (head.headers['transfer-encoding']?.includes('chunked')) {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', offset);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buffer.subarray(offset, lineEnd).toString('latin1'), 16);
      if (size === 0) {
        // Optional trailer lines, then the empty line that ends the message.
        const after = lineEnd + 2;
        if (buffer.length < after + 2) return undefined;
        let restStart = after + 2;
        if (buffer.subarray(after, after + 2).toString('latin1') !== '\r\n') {
          const trailerEnd = buffer.indexOf('\r\n\r\n', after);
          if (trailerEnd < 0) return undefined;
          restStart = trailerEnd + 4;
        }
        return { response: { ...head, body: Buffer.concat(parts).toString('utf8') }, rest: buffer.subarray(restStart) };
      }
      if (buffer.length < lineEnd + 2 + size + 2) return undefined;
      parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      offset = lineEnd + 2 + size + 2;
    }
  }
  const length = head.headers['content-length'];
  if (length !== undefined) {
    const bytes = Number(length);
    if (buffer.length < offset + bytes) return undefined;
    return { response: { ...head, body: buffer.subarray(offset, offset + bytes).toString('utf8') }, rest: buffer.subarray(offset + bytes) };
  }
  // No framing: the body runs to the end of the connection.
  if (!ended) return undefined;
  return { response: { ...head, body: buffer.subarray(offset).toString('utf8') }, rest: Buffer.alloc(0) };
}

/**
 * Opens a connection to 127.0.0.1:`port`. `headOnly` answers (to HEAD) have no body. The socket is
 * destroyed at teardown.
 */
export async function openRaw(t: Test, port: number, { headOnly = false } = {}): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  t.teardown(() => { socket.destroy(); });
  let buffer = Buffer.alloc(0);
  let ended = false;
  let waiters: Array<() => void> = [];
  const wake = () => { const current = waiters; waiters = []; for (const waiter of current) waiter(); };
  socket.on('data', (chunk: Buffer) => { buffer = Buffer.concat([buffer, chunk]); wake(); });
  const onEnd = () => { ended = true; wake(); };
  socket.on('end', onEnd);
  socket.on('close', onEnd);
  // A reset after the answer is still a closed connection; the test asserts on what arrived before.
  socket.on('error', () => undefined);
  const connection: RawConnection = {
    socket,
    write: (data) => { if (!socket.destroyed && socket.writable) socket.write(data); },
    response: () => new Promise((resolve, reject) => {
      const attempt = () => {
        const taken = takeResponse(buffer, ended, headOnly);
        if (taken) {
          buffer = taken.rest;
          resolve(taken.response);
        } else if (ended) {
          reject(new Error(`connection closed before a complete answer (got ${JSON.stringify(buffer.toString('latin1').slice(0, 200))})`));
        } else {
          waiters.push(attempt);
        }
      };
      attempt();
    }),
    closed: () => new Promise((resolve) => {
      const attempt = () => { if (ended) resolve(); else waiters.push(attempt); };
      attempt();
    }),
    get isClosed() { return ended; },
  };
  return connection;
}
