// SHUTDOWN_DELAY_MS=0: SIGTERM stops the listener at once, yet a request a client sends on a keep-alive
// connection that was idle at that moment, and the first request on a connection that was accepted but
// had sent nothing yet, are read and answered (200 page, `connection: close`) instead of reset; a new
// connection is refused; the process exits 0. Raw sockets, so nothing retries behind the test's back.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import t from 'tap';
import { startServer } from '../deploy/helpers/start-server.js';

interface RawResponse { status: number; headers: Record<string, string>; body: string }

/** Sends one HTTP/1.1 request on `socket` and reads exactly one response (content-length framed). */
function exchange(socket: Socket, path: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length']);
      if (buffer.length < end + 4 + length) return;
      cleanup();
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: buffer.subarray(end + 4, end + 4 + length).toString('utf8') });
    };
    const onError = (error: Error) => { cleanup(); reject(error); };
    const onClose = () => { cleanup(); reject(new Error(`connection closed before a full answer to ${path}`)); };
    const cleanup = () => { socket.off('data', onData); socket.off('error', onError); socket.off('close', onClose); };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: shop.example.com\r\n\r\n`);
  });
}

async function open(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

t.test('requests on open connections after the listener closed', async (t) => {
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: process.cwd(),
    env: { ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', EMULATOR: 'off', OFFLOAD: 'local-only', LOG_LEVEL: 'info', SHUTDOWN_DELAY_MS: '0' },
  });
  t.teardown(() => server.stop());
  // Listening comes before the warm-up renders are done; readiness after them.
  await server.warm();
  const port = Number(new URL(server.url).port);
  // `fresh` connects first: once the later connections have been served, the server has accepted it too.
  const fresh = await open(port);
  const probe = await open(port);
  const idle = await open(port);
  t.teardown(() => { fresh.destroy(); probe.destroy(); idle.destroy(); });
  t.equal((await exchange(probe, '/readyz')).status, 200, 'ready');
  const warm = await exchange(idle, '/products/1001');
  t.equal(warm.status, 200, 'the idle connection served a page before SIGTERM');
  t.not(warm.headers.connection, 'close', 'and was kept alive');

  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  // Each ask waits on its reply; a 200 means the signal has not been handled yet.
  let readiness = await exchange(probe, '/readyz');
  while (readiness.status === 200) readiness = await exchange(probe, '/readyz');
  t.equal(readiness.status, 503, '/readyz answers 503 on the live connection');
  t.equal(readiness.headers.connection, 'close', 'and closes it');

  const onIdle = await exchange(idle, '/products/1002');
  t.equal(onIdle.status, 200, 'a request sent on the idle keep-alive connection is answered');
  t.match(onIdle.body, /<\/html>\s*$/, 'with the whole page');
  t.equal(onIdle.headers.connection, 'close', 'and connection: close');
  const onFresh = await exchange(fresh, '/products/1003');
  t.equal(onFresh.status, 200, 'the first request on an accepted, unused connection is answered');
  t.equal(onFresh.headers.connection, 'close');

  const refused = await new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => { socket.destroy(); resolve('accepted'); });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
  t.equal(refused, 'ECONNREFUSED', 'a new connection is refused (no request of it was ever sent)');
  const [code] = await exited;
  t.equal(code, 0, 'exit 0');
  t.notMatch(server.output(), /"level":(50|60)/, 'no error logged');
});
