// FC that accepts connections and never answers: the warm-up gives up at WARMUP_TIMEOUT_MS, logs it,
// and /readyz turns 200 anyway (pages fall back to local render; FC must never keep a pod unready).
// No timing threshold: if the bound did not hold, whenWarm() would never resolve.
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';

t.test('a hanging FC', async (t) => {
  const sockets = new Set<Socket>();
  const blackHole = createServer((socket) => { sockets.add(socket); });
  blackHole.listen(0, '127.0.0.1');
  await once(blackHole, 'listening');
  t.teardown(() => { for (const socket of sockets) socket.destroy(); blackHole.close(); });
  const fcUrl = `http://127.0.0.1:${(blackHole.address() as { port: number }).port}`;

  const connected = once(blackHole, 'connection');
  const gateway = await startGateway(t, {
    emulator: false,
    env: { FC_URL: fcUrl, FC_TIMEOUT_MS: '60000', WARMUP_TIMEOUT_MS: '1000' },
  });
  await connected;
  await gateway.app.whenWarm();
  t.ok(sockets.size >= 1, 'the warm-up opened FC connections (FC never answers on them)');
  t.equal((await fetch(`${gateway.url}/readyz`)).status, 200, 'ready although FC never answered');
});

t.test('an FC that refuses connections', async (t) => {
  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const gateway = await startGateway(t, { emulator: false, env: { FC_URL: `http://127.0.0.1:${port}`, WARMUP_TIMEOUT_MS: '60000' } });
  await gateway.app.whenWarm();
  t.equal((await fetch(`${gateway.url}/readyz`)).status, 200, 'ready: the warm-up does not wait for FC to come back');
});
