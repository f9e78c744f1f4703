#!/usr/bin/env node
/**
 * `npm run start:regions`: the region-failover demo. Two FC emulator processes play the same function in
 * two regions (A and B, on 127.0.0.1), and the gateway runs with a sites file whose one site has them as its
 * targets in priority order, with active health checks (examples/sites/two-regions.yaml).
 *
 * The emulators' ports are picked at start (EMU_PORT=0) and a copy of the example file with their real URLs
 * is written to a temp directory: fixed ports would collide with whatever else listens on this machine (a
 * test run, a second demo), and the gateway reads the URLs from the file anyway. REGION_A_PORT /
 * REGION_B_PORT fix them when you want stable URLs.
 *
 * While it runs, a small load (LOAD_RPS, default 5 pages/s; 0 = none) goes to the gateway and every 2 s one
 * line says how many pages each region answered (the emulators' own call counts, so nothing is guessed from
 * headers) and how the pages were rendered (x-render-by). Break region A with its fault knob and watch the
 * pages move to B; heal it and watch them come back after `healthyThreshold` probes.
 *
 *   --self-test   break region A at 8 s, heal it at 24 s, stop at 40 s; exit 1 unless B took the pages while A
 *                 hung and A took them back afterwards (what the README walk-through shows by hand)
 *
 * Needs `npm run build` (prestart:regions runs it). Ctrl-C stops the gateway and both regions.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const selfTest = process.argv.includes('--self-test');
// eslint-disable-next-line no-restricted-properties -- script entry: its own knobs, and the gateway inherits the rest
const env = process.env;
const port = Number(env.PORT ?? 3000);
const adminPort = Number(env.ADMIN_PORT ?? 9464);
const loadRps = Number(env.LOAD_RPS ?? 5);
const template = env.REGIONS_SITES_TEMPLATE ?? join(root, 'examples/sites/two-regions.yaml');

const emulatorProcessModule = join(root, 'dist/node/server/emulator-process.js');
const gatewayEntry = join(root, 'dist/node/server/main.js');
for (const file of [emulatorProcessModule, gatewayEntry]) {
  if (!existsSync(file)) {
    console.error(`start-regions: ${file} is missing: run npm run build first (npm run start:regions does)`);
    process.exit(1);
  }
}
const { startEmulatorProcess } = await import(pathToFileURL(emulatorProcessModule).href);

const log = (line) => process.stdout.write(`[regions] ${line}\n`);
const children = [];
let stopping = false;
let loadTimer;
let reportTimer;
const tempDir = mkdtempSync(join(tmpdir(), 'ssr-offload-regions-'));

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  clearInterval(loadTimer);
  clearInterval(reportTimer);
  for (const stop of children.reverse()) await stop().catch(() => undefined);
  rmSync(tempDir, { recursive: true, force: true });
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

// 1. Two regions: the same function (the app's built bundle) in two emulator processes.
const origin = `http://localhost:${port}`;
const regions = [];
for (const [name, portVar] of [['fc-region-a', 'REGION_A_PORT'], ['fc-region-b', 'REGION_B_PORT']]) {
  const emulator = await startEmulatorProcess({
    siteOrigin: origin,
    env: { EMU_PORT: env[portVar] ?? '0' },
    onExit: (code, signal) => { if (!stopping) log(`${name} exited (${code ?? signal})`); },
  });
  children.push(() => emulator.stop());
  regions.push({ name, url: emulator.url });
}
const [regionA, regionB] = regions;

// 2. The sites file with the real URLs (comments kept, so the copy reads like the example).
const document = parseDocument(readFileSync(template, 'utf8'));
const targets = document.getIn(['sites', 0, 'targets']);
for (const region of regions) {
  const index = targets.items.findIndex((item) => item.get('name') === region.name);
  if (index < 0) throw new Error(`${template}: site 0 has no target named ${region.name}`);
  document.setIn(['sites', 0, 'targets', index, 'url'], region.url);
}
document.setIn(['sites', 0, 'origin'], origin);
const sitesFile = join(tempDir, 'two-regions.yaml');
writeFileSync(sitesFile, document.toString());

// 3. The gateway. The render cache is off unless you set CACHE_MB: a cached page never reaches a region.
const gatewayEnv = { ...env, SITES_FILE: sitesFile, PORT: String(port), ADMIN_PORT: String(adminPort), CACHE_MB: env.CACHE_MB ?? '0' };
const gateway = spawn(process.execPath, [gatewayEntry], { env: gatewayEnv, stdio: ['ignore', env.GATEWAY_LOGS === '1' ? 'inherit' : 'ignore', 'inherit'] });
const gatewayExited = new Promise((resolve) => gateway.once('exit', resolve));
gateway.once('exit', (code, signal) => {
  if (!stopping) {
    log(`the gateway exited (${code ?? signal}); see its error above`);
    void stopAll(1);
  }
});
children.push(async () => {
  if (gateway.exitCode === null && gateway.signalCode === null) gateway.kill('SIGTERM');
  await gatewayExited;
});

const gatewayUrl = `http://127.0.0.1:${port}`;
for (let waited = 0; ; waited += 200) {
  const ready = await fetch(`${gatewayUrl}/readyz`).then((response) => response.ok, () => false);
  if (ready) break;
  if (waited > 60_000) {
    log('the gateway did not become ready within 60 s');
    await stopAll(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}

log(`gateway      ${gatewayUrl}   (sites file ${sitesFile})`);
log(`region A     ${regionA.url}   target fc-region-a (priority 1)`);
log(`region B     ${regionB.url}   target fc-region-b (priority 2)`);
log(`status page  http://127.0.0.1:${adminPort}/status   metrics http://127.0.0.1:${adminPort}/metrics`);
log('');
log('break region A (every call hangs):');
log(`  curl -X PUT -d '{"hangRate":1}' ${regionA.url}/__emulator/faults`);
log('heal it:');
log(`  curl -X PUT -d '{"hangRate":0}' ${regionA.url}/__emulator/faults`);
log(`calls per region: curl ${regionA.url}/__emulator/stats   curl ${regionB.url}/__emulator/stats`);
log(`one page: curl -sI ${gatewayUrl}/products/1001 | grep x-render-by`);
log(loadRps > 0 ? `sending ${loadRps} pages/s (LOAD_RPS); a line every 2 s (a region's calls include the gateway's health probes of it):` : 'LOAD_RPS=0: no load sent; the lines show only what you send (and the health probes)');

// 4. Load and the 2-second report.
// Per 2-second line (`ok`, `failed`, `by`) and for the whole run (`totalFailed`).
const pages = { ok: 0, failed: 0, totalFailed: 0, by: {} };
if (loadRps > 0) {
  loadTimer = setInterval(() => {
    const path = `/products/${1001 + Math.floor(Math.random() * 600)}`;
    fetch(`${gatewayUrl}${path}`).then(async (response) => {
      await response.arrayBuffer();
      const by = response.headers.get('x-render-by') ?? 'none';
      pages.by[by] = (pages.by[by] ?? 0) + 1;
      if (response.status < 500) pages.ok += 1;
      else pages.failed += 1;
    }, () => { pages.failed += 1; });
  }, Math.max(1, Math.round(1000 / loadRps)));
}

const statsOf = (region) => fetch(`${region.url}/__emulator/stats`).then((response) => response.json(), () => undefined);
const last = new Map();
const history = [];
const started = Date.now();
async function report() {
  const line = { t: Math.round((Date.now() - started) / 1000), pages: pages.ok + pages.failed, regions: {} };
  for (const region of regions) {
    const stats = await statsOf(region);
    if (!stats) continue;
    const previous = last.get(region.name) ?? { ok: 0, hang: 0, total: 0 };
    const now = { ok: stats.outcomes.ok, hang: stats.outcomes.hang, total: stats.calls.total };
    last.set(region.name, now);
    line.regions[region.name] = { answered: now.ok - previous.ok, hung: now.hang - previous.hang };
  }
  const by = Object.entries(pages.by).map(([name, count]) => `${name} ${count}`).join(', ') || '-';
  const perRegion = regions.map((r) => {
    const seen = line.regions[r.name];
    return `${r.name}: ${seen?.answered ?? '?'} answered${seen?.hung ? `, ${seen.hung} hung` : ''}`;
  }).join('  |  ');
  log(`t=${String(line.t).padStart(3)}s  ${perRegion}  |  pages ${pages.ok} ok, ${pages.failed} failed (x-render-by: ${by})`);
  history.push(line);
  pages.totalFailed += pages.failed;
  pages.ok = 0;
  pages.failed = 0;
  pages.by = {};
}
reportTimer = setInterval(() => void report(), 2000);

if (selfTest) {
  const setFaults = (faults) => fetch(`${regionA.url}/__emulator/faults`, { method: 'PUT', body: JSON.stringify(faults) }).then((r) => r.json());
  setTimeout(() => void setFaults({ hangRate: 1 }).then(() => log('self-test: region A hangs from now on')), 8000);
  setTimeout(() => void setFaults({ hangRate: 0 }).then(() => log('self-test: region A healed')), 24_000);
  setTimeout(async () => {
    // Broken phase: the last 8 s before healing; healed phase: the last 8 s of the run. A region's count includes
    // the gateway's health probes of it (one per intervalMs), so each side is compared with the pages sent.
    const sum = (from, to, pick) => history.filter((h) => h.t > from && h.t <= to).reduce((n, h) => n + pick(h), 0);
    const region = (name) => (h) => h.regions[name]?.answered ?? 0;
    const broken = { a: sum(16, 24, region('fc-region-a')), b: sum(16, 24, region('fc-region-b')), pages: sum(16, 24, (h) => h.pages) };
    const healed = { a: sum(32, 40, region('fc-region-a')), b: sum(32, 40, region('fc-region-b')), pages: sum(32, 40, (h) => h.pages) };
    const moved = broken.a === 0 && broken.pages > 0 && broken.b >= 0.9 * broken.pages;
    const back = healed.pages > 0 && healed.a >= 0.9 * healed.pages;
    log(`self-test: while A hung (${broken.pages} pages), A answered ${broken.a} calls and B ${broken.b}; after healing (${healed.pages} pages), A ${healed.a} and B ${healed.b} (health probes included); ${pages.totalFailed} pages failed`);
    log(`self-test: ${moved && back ? 'PASS' : 'FAIL'} (traffic ${moved ? 'moved to B' : 'did NOT move to B'}, ${back ? 'came back to A' : 'did NOT come back to A'})`);
    await stopAll(moved && back ? 0 : 1);
  }, 40_000);
}
