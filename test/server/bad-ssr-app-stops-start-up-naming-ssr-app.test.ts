// A wrong SSR_APP stops start-up with SSR_ERR_CONFIG naming SSR_APP: a missing path, an unbuilt app
// directory, a broken descriptor, a module without createRenderer, and `off` where pages need an app.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadConfig } from '../../server/config.js';
import { buildRenderer } from '../../server/renderer.js';
import { createAppRender, resolveSsrApp } from '../../server/ssr-app.js';

const dir = mkdtempSync(join(tmpdir(), 'ssr-bad-app-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const refusal = (variable: string) => ({ code: 'SSR_ERR_CONFIG', message: new RegExp(`\\b${variable}\\b`) });
const app = (spec: string, clientDir?: string) => ({ spec, clientDir, off: false });

t.test('a path that does not exist', async (t) => {
  t.throws(() => resolveSsrApp(app('./no/such/app'), dir), refusal('SSR_APP'));
});

t.test('an app directory that was never built', async (t) => {
  mkdirSync(join(dir, 'unbuilt'));
  writeFileSync(join(dir, 'unbuilt/ssr-offload.config.json'), JSON.stringify({ server: 'src/entry-server.ts', client: 'src/entry-client.ts' }));
  t.throws(() => resolveSsrApp(app('unbuilt'), dir), { ...refusal('SSR_APP'), message: /npm run build/ });
});

t.test('a descriptor that is not JSON, or lacks its entries', async (t) => {
  mkdirSync(join(dir, 'broken'));
  writeFileSync(join(dir, 'broken/ssr-offload.config.json'), '{ server: ');
  t.throws(() => resolveSsrApp(app('broken'), dir), refusal('SSR_APP'));
  mkdirSync(join(dir, 'partial'));
  writeFileSync(join(dir, 'partial/ssr-offload.config.json'), JSON.stringify({ server: 'x.ts' }));
  t.throws(() => resolveSsrApp(app('partial'), dir), { ...refusal('SSR_APP'), message: /"client"/ });
});

t.test('SSR_CLIENT_DIR without a Vite manifest', async (t) => {
  writeFileSync(join(dir, 'app.mjs'), 'export function createRenderer() { return async () => ({ status: 200, headers: {}, html: "" }); }');
  t.throws(() => resolveSsrApp(app('./app.mjs', 'empty-client'), dir), refusal('SSR_CLIENT_DIR'));
});

t.test('a module without createRenderer, or whose createRenderer returns no function', async (t) => {
  writeFileSync(join(dir, 'nothing.mjs'), 'export const render = 1;');
  writeFileSync(join(dir, 'wrong.mjs'), 'export function createRenderer() { return 42; }');
  const options = { siteOrigin: 'https://x.example', manifest: undefined, onError: () => {} };
  await t.rejects(createAppRender(resolveSsrApp(app('./nothing.mjs'), dir), options), refusal('SSR_APP'));
  await t.rejects(createAppRender(resolveSsrApp(app('./wrong.mjs'), dir), options), refusal('SSR_APP'));
});

t.test('a module that cannot be imported fails the host at ready(), naming SSR_APP', async (t) => {
  writeFileSync(join(dir, 'throws.mjs'), 'throw new Error("boom at import");');
  const host = buildRenderer(loadConfig({ ROLE: 'renderer', LOG_LEVEL: 'silent', SSR_APP: join(dir, 'throws.mjs') }));
  await t.rejects(host.ready(), { ...refusal('SSR_APP'), message: /boom at import/ });
});

t.test('SSR_APP=off is only for a gateway that never renders in-process', async (t) => {
  t.throws(() => loadConfig({ ROLE: 'renderer', SSR_APP: 'off' }), refusal('SSR_APP'));
  t.throws(() => loadConfig({ ROLE: 'gateway', SSR_APP: 'off', FC_URL: 'http://fc.internal' }), { ...refusal('SSR_APP'), message: /FALLBACK_URL/ });
  t.throws(() => loadConfig({ ROLE: 'gateway', SSR_APP: 'off', FC_URL: 'http://fc.internal', FALLBACK_URL: 'http://app', OFFLOAD: 'local-first' }), refusal('SSR_APP'));
  t.equal(loadConfig({ ROLE: 'gateway', SSR_APP: 'off', FC_URL: 'http://fc.internal', FALLBACK_URL: 'http://app' }).ssrApp.off, true);
});
