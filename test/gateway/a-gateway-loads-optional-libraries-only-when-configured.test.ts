// A library a gateway's configuration does not use is never loaded: undici with @fastify/http-proxy (5.5 MB of
// heap) only with HTTP targets or PROXY_ROUTES, ioredis (1.9 MB) only with CACHE_REDIS_URL, opossum and
// hdr-histogram-js (the breaker and the hedge's latency window, 1.7 MB) only with an FC target, yaml (1 MB) only
// for a YAML sites file. A local-only gateway then serves pages without holding any of them, so V8's marking
// threads have less to walk at every full collection (docs/benchmarks.md, "Instructions per page"); a gateway
// configured for each one still uses it. The tests share one process and so run in order: nothing before the
// first one loads a library it checks. yaml is checked in a child process, since tap itself loads yaml.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { startRecordingUpstream } from '../helpers/proxied-service.js';

const loaded = (name: string) => Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes(`/node_modules/${name}/`));

t.test('a local-only gateway with no proxy routes, Redis, FC target or sites file loads none of their libraries', async (t) => {
  const local = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' } });
  const page = await fetch(`${local.url}/products/1001`);
  await page.text();
  t.equal(page.status, 200);
  t.equal(page.headers.get('x-render-by'), 'local');
  for (const name of ['undici', '@fastify/http-proxy', 'ioredis', 'opossum', 'hdr-histogram-js']) t.same(loaded(name), [], `no file of ${name} was loaded`);
});

t.test('the configuration loads the YAML parser only to read a YAML sites file', async (t) => {
  const file = join(mkdtempSync(join(tmpdir(), 'ssr-sites-')), 'sites.yaml');
  writeFileSync(file, 'sites:\n  - name: shop\n    default: true\n    origin: http://localhost:3000\n    targets: []\n    fallback: local\n');
  // A fresh process (tap loads yaml into this one): load the configuration without, then with, the sites file.
  const script = `
    const { loadConfig } = await import('./server/config.ts');
    const yamlLoaded = () => Object.keys(require.cache).some((f) => f.includes('/node_modules/yaml/'));
    loadConfig({ ROLE: 'gateway', OFFLOAD: 'local-only' });
    const before = yamlLoaded();
    const config = loadConfig({ ROLE: 'gateway', OFFLOAD: 'local-only', SITES_FILE: ${JSON.stringify(file)} });
    console.log(JSON.stringify({ before, after: yamlLoaded(), sites: config.sites.initial.sites.map((site) => site.name) }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=commonjs', '-e', `(async () => {${script}})()`], { encoding: 'utf8' }));
  t.equal(out.before, false, 'a configuration without a sites file did not load yaml');
  t.equal(out.after, true, 'reading the YAML sites file did');
  t.same(out.sites, ['shop'], 'and its site was parsed');
});

t.test('a gateway with an FC target loads the breaker and the latency window, and its pages come from FC', async (t) => {
  const gateway = await startGateway(t, { env: { OFFLOAD: 'fc-first' } });
  const page = await fetch(`${gateway.url}/products/1001`);
  await page.text();
  t.equal(page.headers.get('x-render-by'), 'fc');
  t.ok(loaded('opossum').length > 0 && loaded('hdr-histogram-js').length > 0, 'opossum and hdr-histogram-js were loaded for it');
});

t.test('a gateway with proxy routes loads the proxy and forwards', async (t) => {
  const upstream = await startRecordingUpstream(t);
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${upstream.url}` } });
  const answer = await fetch(`${gateway.url}/api/items`);
  await answer.text();
  t.equal(answer.status, 200, 'the proxied route answers');
  t.ok(loaded('@fastify/http-proxy').length > 0 && loaded('undici').length > 0, 'the proxy and undici were loaded for it');
});
