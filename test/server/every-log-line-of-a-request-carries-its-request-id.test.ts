/**
 * A request's log lines name its request id (`reqId`, the `x-request-id` it came with or one minted for
 * it), at every level: the access line at LOG_LEVEL=info, a failure's warning at LOG_LEVEL=warn. The
 * gateway makes a request's logger only when the request first logs (server/lazy-request-logger.ts), so
 * this checks that a logger made late still carries the id, and that a level the host filters out stays
 * silent.
 */
import t from 'tap';
import Fastify from 'fastify';
import { pino } from 'pino';
import { lazyChildLogger } from '../../server/lazy-request-logger.js';
import { repoPath } from '../deploy/helpers/repo.js';
import { startServer } from '../deploy/helpers/start-server.js';

type Line = Record<string, unknown>;

async function linesOf(logLevel: string, requests: Array<{ path: string; id?: string }>): Promise<Line[]> {
  // startServer learns the port from the start-up line, written at info.
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: repoPath(''),
    // Port 1 on loopback refuses every connection: the proxied request fails and is logged at warn.
    env: { ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', ADMIN_PORT: 'off', EMULATOR: 'off', OFFLOAD: 'local-only', LOG_LEVEL: logLevel, PROXY_ROUTES: '/dead=http://127.0.0.1:1' },
  });
  try {
    for (const { path, id } of requests) await (await fetch(`${server.url}${path}`, { headers: id ? { 'x-request-id': id } : {} })).text();
  } finally {
    await server.stop();
  }
  return server.output().split('\n').filter((text) => text.startsWith('{')).map((text) => JSON.parse(text) as Line);
}

t.test('at info, each access line carries the request id the client sent or the one minted for it', async (t) => {
  const lines = (await linesOf('info', [{ path: '/products/1001', id: 'page-1' }, { path: '/products/1002' }, { path: '/dead/x', id: 'proxy-1' }]))
    .filter((line) => line.msg === 'request');
  t.same(lines.map((line) => [line.url, line.reqId === 'page-1' || line.reqId === 'proxy-1' ? line.reqId : typeof line.reqId]), [
    ['/products/1001', 'page-1'],
    ['/products/1002', 'string'],
    ['/dead/x', 'proxy-1'],
  ]);
  t.match(lines[1]!.reqId, /^[0-9a-f-]{36}$/, 'a request without an id gets a minted UUID');
});

t.test('at warn, a line a request logs carries its id, and lines below warn are never written', async (t) => {
  // The gateway's logger at LOG_LEVEL=warn prints no start-up line to learn the port from, so this runs
  // the same factory in a Fastify host whose pino writes into memory.
  const written: string[] = [];
  const app = Fastify({
    loggerInstance: pino({ level: 'warn' }, { write: (line: string) => { written.push(line); } }),
    genReqId: (request) => String(request.headers['x-request-id']),
    childLoggerFactory: lazyChildLogger,
  });
  app.get('/fails', async (request) => {
    request.log.info('below the level');
    request.log.warn({ upstream: 'x' }, 'proxied request failed');
    return 'failed';
  });
  app.get('/quiet', async (request) => {
    request.log.debug('below the level');
    return 'ok';
  });
  app.get('/own-level', async (request) => {
    request.log.child({ part: 'cache' }, { level: 'info' }).info('a child with its own level');
    return 'ok';
  });
  t.teardown(() => app.close());
  for (const [url, id] of [['/quiet', 'quiet-1'], ['/fails', 'fails-1'], ['/own-level', 'own-1']]) {
    t.equal((await app.inject({ url: url!, headers: { 'x-request-id': id! } })).statusCode, 200);
  }
  const lines = written.map((line) => JSON.parse(line) as Line);
  t.same(lines.map((line) => [line.msg, line.reqId, line.level]), [
    ['proxied request failed', 'fails-1', 40],
    ['a child with its own level', 'own-1', 30],
  ]);
});
