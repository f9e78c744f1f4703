// The container entry re-reads SITES_FILE on SIGHUP (as nginx does), logs what it applied, and keeps serving.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { repoPath } from '../deploy/helpers/repo.js';
import { startServer } from '../deploy/helpers/start-server.js';
import { getWithHost, until } from '../helpers/sites-gateway.js';

t.test('SIGHUP applies the edited file', async (t) => {
  // SITES_FILE is a symlink to a file in another directory: the watcher (on SITES_FILE's directory) never sees
  // the edit, so only the signal can apply it.
  const watched = mkdtempSync(join(tmpdir(), 'ssr-sighup-'));
  const elsewhere = mkdtempSync(join(tmpdir(), 'ssr-sighup-real-'));
  const real = join(elsewhere, 'sites.json');
  const file = join(watched, 'sites.json');
  const site = (hosts: string[]) => ({ name: 'shop', hosts, origin: 'https://shop.example.com', targets: [], fallback: 'local' });
  writeFileSync(real, JSON.stringify({ sites: [site(['shop.example.com'])] }));
  symlinkSync(real, file);
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: repoPath(''),
    env: { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', OFFLOAD: 'local-only', ADMIN_PORT: 'off', WARMUP_TIMEOUT_MS: '0', SITES_FILE: file },
  });
  t.teardown(() => server.stop());
  t.equal((await getWithHost(server.url, '/', 'outlet.example.com')).status, 404);
  writeFileSync(real, JSON.stringify({ sites: [site(['shop.example.com', 'outlet.example.com'])] }));
  server.child.kill('SIGHUP');
  await until(async () => (await getWithHost(server.url, '/', 'outlet.example.com')).status === 200, 'the new host routed after SIGHUP');
  t.match(server.output(), /"why":"signal".*sites reloaded from/, 'the reload is logged as the signal\'s');
  t.equal(server.child.exitCode, null, 'the process is still running');
});
