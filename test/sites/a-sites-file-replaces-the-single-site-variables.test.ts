// SITES_FILE is read once by loadConfig; the single-site variables it replaces are refused by name (a
// forgotten FC_URL would otherwise be silently ignored), no emulator starts behind the file's back, and the
// lookup variables get their documented defaults.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadConfig } from '../../server/config.js';

const dir = mkdtempSync(join(tmpdir(), 'sites-config-'));
const file = join(dir, 'sites.yaml');
writeFileSync(file, `
sites:
  - name: shop
    hosts: [shop.example.com]
    origin: https://shop.example.com
    targets: [{ name: fc-hangzhou, url: "https://ssr.cn-hangzhou.fcapp.run", timeoutMs: 2000 }]
    fallback: local
`);

t.test('the file is read at start-up with the global defaults', async (t) => {
  const config = loadConfig({ SITES_FILE: file, FC_TIMEOUT_MS: '2500' });
  t.equal(config.sites.file, file);
  t.equal(config.sites.initial?.source, file);
  t.same(config.sites.initial?.sites.map((site) => site.name), ['shop']);
  t.same(config.sites.defaults, { timeoutMs: 2500, fallbackTimeoutMs: 10_000, offload: 'fc-first', ssrAppOff: false });
  t.equal(config.offload, 'fc-first', 'the file names FC targets: fc-first by default');
  t.equal(config.fc.useEmulator, false, 'no emulator with a sites file');
  t.ok(Object.isFrozen(config.sites.initial?.sites[0]));
});

t.test('single-site variables are refused by name', async (t) => {
  t.throws(() => loadConfig({ SITES_FILE: file, FC_URL: 'https://x.fcapp.run', SITE_ORIGIN: 'https://a.com' }), {
    code: 'SSR_ERR_CONFIG',
    message: `FC_URL, SITE_ORIGIN cannot be set with SITES_FILE: each site in ${file} names its own targets, fallback and origin (docs/sites.md)`,
  });
  t.throws(() => loadConfig({ SITES_FILE: file, FC_TRANSPORT: 'sdk', FC_FUNCTION_NAME: 'ssr' }), { message: /^FC_TRANSPORT=sdk, FC_FUNCTION_NAME cannot be set with SITES_FILE/ });
  t.throws(() => loadConfig({ SITES_FILE: file, FALLBACK_URL: 'http://renderer:3000' }), { message: /^FALLBACK_URL cannot be set with SITES_FILE/ });
});

t.test('an invalid or missing file stops start-up with its problem', async (t) => {
  t.throws(() => loadConfig({ SITES_FILE: join(dir, 'missing.yaml') }), { code: 'SSR_ERR_CONFIG', message: `SITES_FILE ${join(dir, 'missing.yaml')}: cannot be read (ENOENT)` });
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'sites:\n  - { name: shop, origin: "https://shop.example.com", targets: [], fallback: local, hosts: [a.com] }\n');
  t.throws(() => loadConfig({ SITES_FILE: bad }), { message: `SITES_FILE ${bad}: site "shop": targets: must list at least one FC target under OFFLOAD=fc-first (or set OFFLOAD=local-only)` });
  t.equal(loadConfig({ SITES_FILE: bad, OFFLOAD: 'local-only' }).sites.initial?.sites[0]?.targets.length, 0, 'OFFLOAD still applies to every site');
});

t.test('SSR_APP=off with a sites file needs every fallback to be a URL, not FALLBACK_URL', async (t) => {
  t.throws(() => loadConfig({ SITES_FILE: file, SSR_APP: 'off' }), { message: /site "shop": fallback: must be \{ url: … \} with SSR_APP=off/ });
});

t.test('other roles never read a sites file', async (t) => {
  t.equal(loadConfig({ ROLE: 'renderer', SITES_FILE: join(dir, 'missing.yaml') }).sites.file, undefined);
});

t.test('the lookup API gets its documented defaults, and its windows need its URL', async (t) => {
  t.same(loadConfig({ SITES_LOOKUP_URL: 'http://tenants.internal:8080/sites/' }).sites.lookup, {
    url: 'http://tenants.internal:8080/sites', ttlMs: 60_000, negativeTtlMs: 10_000, staleMs: 3_600_000, timeoutMs: 1000,
  });
  t.same(loadConfig({ SITES_LOOKUP_URL: 'http://t/', SITES_LOOKUP_TTL_MS: '5000', SITES_LOOKUP_NEGATIVE_TTL_MS: '1000', SITES_LOOKUP_STALE_MS: '0', SITES_LOOKUP_TIMEOUT_MS: '200' }).sites.lookup,
    { url: 'http://t', ttlMs: 5000, negativeTtlMs: 1000, staleMs: 0, timeoutMs: 200 });
  t.throws(() => loadConfig({ SITES_LOOKUP_TTL_MS: '5000' }), { message: 'SITES_LOOKUP_TTL_MS has no use without SITES_LOOKUP_URL' });
  t.throws(() => loadConfig({ SITES_LOOKUP_URL: 'http://t/?a=1' }), { message: 'SITES_LOOKUP_URL must not contain a query or fragment' });
});
