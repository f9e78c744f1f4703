// The container entry starts the admin listener after the public one; with ADMIN_PORT=0 the free port
// it got is named in the start-up log (`adminUrl`), it serves /metrics there, and SIGTERM closes it with
// the gateway (exit 0, port refused afterwards). ADMIN_PORT=off starts none.
import { connect } from 'node:net';
import t from 'tap';
import { startServer } from '../deploy/helpers/start-server.js';

const env = { ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', EMULATOR: 'off', OFFLOAD: 'local-only', LOG_LEVEL: 'info' };

const refuses = (url: string) => new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.on('connect', () => { socket.destroy(); resolve(false); });
  socket.on('error', () => resolve(true));
});

t.test('ADMIN_PORT=0', async (t) => {
  const server = await startServer(['node', 'dist/node/server/main.js'], { cwd: process.cwd(), env: { ...env, ADMIN_PORT: '0' } });
  t.teardown(() => server.stop());
  const adminUrl = await server.adminUrl();
  t.match(adminUrl, /^http:\/\/127\.0\.0\.1:\d+$/, 'the log names the admin URL (ADMIN_HOST defaults to loopback)');
  t.not(new URL(adminUrl).port, '0', 'with the port the OS chose');
  t.not(adminUrl, server.url, 'a different listener from the public one');
  t.equal((await fetch(`${server.url}/metrics`)).status, 404, 'public /metrics is 404');
  const metrics = await fetch(`${adminUrl}/metrics`);
  t.equal(metrics.status, 200, 'admin /metrics answers');
  t.match(await metrics.text(), /process_resident_memory_bytes/, "with Node's process metrics");
  t.equal(await server.stop(), 0, 'SIGTERM: exit 0');
  t.ok(await refuses(adminUrl), 'the admin port is closed with the gateway');
});

t.test('ADMIN_PORT=off', async (t) => {
  const server = await startServer(['node', 'dist/node/server/main.js'], { cwd: process.cwd(), env: { ...env, ADMIN_PORT: 'off' } });
  t.teardown(() => server.stop());
  t.equal((await fetch(`${server.url}/metrics`)).status, 404, 'public /metrics is still 404');
  t.equal(await server.stop(), 0, 'exit 0');
  t.notMatch(server.output(), /adminUrl|"listener":"admin"/, 'no admin listener was started');
});
