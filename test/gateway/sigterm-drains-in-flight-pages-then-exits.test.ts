// SIGTERM on the container entry: readiness turns 503 at once, the page being rendered by FC still
// completes with 200, the process exits 0, and the embedded FC emulator it started goes with it.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import t from 'tap';
import { Pool } from 'undici';
import { startServer } from '../deploy/helpers/start-server.js';

t.test('in-flight page completes after SIGTERM', async (t) => {
  // A slow FC HTTP trigger we control: it answers a page when released.
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  const fc = createServer((_req, res) => {
    fc.emit('arrived');
    void released.then(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-fc-request-id': '1-x' }).end('<!DOCTYPE html><title>from fc</title><h1>ok</h1>'));
  });
  fc.listen(0, '127.0.0.1');
  await once(fc, 'listening');
  t.teardown(() => { fc.closeAllConnections(); fc.close(); });
  const fcUrl = `http://127.0.0.1:${(fc.address() as { port: number }).port}`;

  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: process.cwd(),
    env: { ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', FC_URL: fcUrl, FC_TIMEOUT_MS: '20000', SHUTDOWN_GRACE_MS: '20000',
      // This FC holds every call until released: no warm-up calls, so the first one is the page's.
      WARMUP_TIMEOUT_MS: '0' },
  });
  t.teardown(() => server.stop());
  const pool = new Pool(server.url, { connections: 1 });
  t.teardown(() => pool.destroy());
  t.equal((await pool.request({ path: '/readyz', method: 'GET' }).then(async (r) => { await r.body.text(); return r.statusCode; })), 200, 'ready before');

  const arrived = once(fc, 'arrived');
  const inFlight = fetch(`${server.url}/products/1001`);
  await arrived;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  // The signal is delivered asynchronously: ask until the answer changes (each ask waits on a reply).
  // Once draining, /readyz answers 503 on a live connection, or the listener is already closed.
  let readiness = 'ready';
  for (let attempt = 0; attempt < 200 && readiness === 'ready'; attempt += 1) {
    try {
      const ready = await pool.request({ path: '/readyz', method: 'GET' });
      await ready.body.text();
      if (ready.statusCode === 503) readiness = 'not ready (503)';
    } catch {
      readiness = 'not accepting connections';
    }
  }
  t.not(readiness, 'ready', `no longer ready while draining: ${readiness}`);
  release();
  const response = await inFlight;
  t.equal(response.status, 200, 'the in-flight page completed');
  t.equal(response.headers.get('x-render-by'), 'fc');
  t.match(await response.text(), /from fc/);
  const [code] = await exited;
  t.equal(code, 0, 'exit 0');
  t.notMatch(server.output(), /"level":50/, 'no error logged');
});

t.test('the embedded emulator exits with the gateway', async (t) => {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const emuPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: process.cwd(),
    env: { HOST: '127.0.0.1', PORT: '0', EMU_PORT: String(emuPort) },
  });
  t.teardown(() => server.stop());
  await server.warm(); // as Kubernetes would: traffic once /readyz says ready
  const page = await fetch(`${server.url}/products/1001`);
  await page.text();
  t.equal(page.headers.get('x-render-by'), 'fc', 'npm start default: pages rendered by the embedded FC emulator');
  t.equal(await server.stop(), 0, 'gateway exit 0');
  const refused = await new Promise<boolean>((resolve) => {
    const socket = connect(emuPort, '127.0.0.1');
    socket.on('connect', () => { socket.destroy(); resolve(false); });
    socket.on('error', () => resolve(true));
  });
  t.ok(refused, 'the emulator is gone (its port refuses connections)');
});
