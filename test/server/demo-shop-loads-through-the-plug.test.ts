// With SSR_APP unset, every host loads the demo shop through the plug: the built server module named by
// the repository's ssr-offload.config.json (dist/app/index.mjs), never a file under ssr/. Checked on the
// real entry (dist/node/server/main.js) with Node's module hooks recording every module it resolves.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t from 'tap';
import { startServer } from '../deploy/helpers/start-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const recorder = fileURLToPath(new URL('../fixtures/record-imports.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'ssr-plug-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

for (const [role, env] of [['renderer', {}], ['function', {}], ['gateway', { OFFLOAD: 'local-only', EMULATOR: 'off', ADMIN_PORT: 'off' }]] as const) {
  t.test(`ROLE=${role} renders the shop from dist/app/index.mjs and loads nothing from ssr/`, async (t) => {
    const log = join(work, `${role}.txt`);
    const server = await startServer(['node', '--import', recorder, join(root, 'dist/node/server/main.js')], {
      cwd: root,
      env: { ROLE: role, HOST: '127.0.0.1', PORT: '0', SITE_ORIGIN: 'https://shop.example.com', RECORD_IMPORTS: log, ...env },
    });
    t.teardown(() => server.stop());
    const response = await fetch(`${server.url}/products/1001`);
    t.equal(response.status, 200);
    t.match(await response.text(), /Northwind Goods/);
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    t.ok(loaded.includes(pathToFileURL(join(root, 'dist/app/index.mjs')).href), 'the built demo module came through the plug');
    t.same(loaded.filter((url) => url.includes('/ssr/')), [], 'no module under ssr/ or dist/node/ssr/');
  });
}

t.test('SSR_APP=examples/vue-blog goes through the same plug: its built module, and nothing of the shop', async (t) => {
  const log = join(work, 'example.txt');
  const server = await startServer(['node', '--import', recorder, join(root, 'dist/node/server/main.js')], {
    cwd: root,
    env: { ROLE: 'renderer', HOST: '127.0.0.1', PORT: '0', SITE_ORIGIN: 'https://blog.example.com', RECORD_IMPORTS: log, SSR_APP: 'examples/vue-blog' },
  });
  t.teardown(() => server.stop());
  const response = await fetch(`${server.url}/notes/offload-the-spikes`);
  t.equal(response.status, 200);
  t.match(await response.text(), /vue-blog/);
  const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  t.ok(loaded.includes(pathToFileURL(join(root, 'examples/vue-blog/dist/app/index.mjs')).href));
  t.same(loaded.filter((url) => url.includes('/ssr/') || url.endsWith('/dist/app/index.mjs') && !url.includes('/examples/')), [], 'the shop is not loaded');
});
