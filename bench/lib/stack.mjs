/**
 * Everything the suite runs, started lazily on loopback and torn down at the end: the FC emulator,
 * the renderer (ROLE=renderer, nginx's backup), nginx (config A), gateways (ROLE=gateway, one process per
 * variant) and the bare `node:http` render server.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findNginx, startNginx } from './nginx.mjs';
import { freePort, rssBytes, startProcess, stopAll, waitForHttp, waitForJsonLine } from './processes.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = `${ROOT}dist/node/server/main.js`;
const EMULATOR_CLI = `${ROOT}dist/node/functions/emulator/main.js`;
const STAND_IN_FC = `${ROOT}bench/servers/stand-in-fc.mjs`;
const BARE = `${ROOT}bench/servers/bare-render.mjs`;
const BARE_PROXY = `${ROOT}bench/servers/bare-proxy.mjs`;
const GC_PROBE = `${ROOT}bench/servers/gc-probe.mjs`;
const CONFIG = `${ROOT}dist/node/server/config.js`;

/** Ask a process started with gc-probe.mjs for a full collection; resolves to its `gc-probe` line. */
async function heapAfterGc(proc) {
  const line = waitForJsonLine(proc, 'gc-probe', 10_000);
  proc.child.kill('SIGWINCH');
  return line;
}

/** Fault names of the emulator's runtime API (`PUT /__emulator/faults`). */
export const HEALTHY = Object.freeze({ latencyMs: 0, errorRate: 0, hangRate: 0, slowRate: 0, slowMs: 0, throttleRate: 0 });

const byRenderHeader = (headers) => {
  const by = headers['x-render-by'];
  return by === 'fc' || by === 'local' || by === 'cache' ? by : 'other';
};

/** Fail early with the build command when dist/ is missing. */
export function assertBuilt() {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
}

function gatewayBuilt() {
  const file = `${ROOT}dist/node/server/gateway-main.js`;
  return existsSync(file) && !readFileSync(file, 'utf8').includes('is not built yet');
}

/**
 * Scenario 12's sites file: one default site, region A then region B (each with the targets' timeout =
 * nginx's proxy timeouts), the local fallback, and the bench's health check (BENCH_HC_*).
 */
export function regionsSitesFile(regions, knobs) {
  const hc = knobs.healthCheck;
  return [
    'sites:',
    '  - name: bench',
    '    default: true',
    '    origin: http://localhost:3000',
    '    targets:',
    `      - { name: fc-region-a, url: "${regions.a.url}", timeoutMs: ${knobs.fcTimeoutMs} }`,
    `      - { name: fc-region-b, url: "${regions.b.url}", timeoutMs: ${knobs.fcTimeoutMs} }`,
    '    fallback: local',
    `    healthCheck: { path: /healthz, intervalMs: ${hc.intervalMs}, timeoutMs: ${hc.timeoutMs}, unhealthyThreshold: ${hc.unhealthyThreshold}, healthyThreshold: ${hc.healthyThreshold}, jitter: 0.1 }`,
    '',
  ].join('\n');
}

export function createStack(knobs) {
  assertBuilt();
  const started = new Map();
  const notes = [];

  const once = (key, start) => {
    if (!started.has(key)) started.set(key, start());
    return started.get(key);
  };

  // ADMIN_PORT 0: every gateway's admin listener on a free port (the default 9464 would collide between the
  // suite's gateways and with other tests on the machine).
  async function nodeServer(name, env, nodeFlags = [], { readyPath = '/healthz' } = {}) {
    const port = await freePort();
    const started = performance.now();
    const proc = startProcess(process.execPath, [...nodeFlags, MAIN], {
      name,
      env: { HOST: '127.0.0.1', PORT: String(port), ADMIN_PORT: '0', LOG_LEVEL: 'warn', SITE_ORIGIN: 'http://localhost:3000', EMULATOR: 'off', ...env },
    });
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}${readyPath}`, { proc, timeoutMs: 60_000 });
    return { name, url, port, pid: proc.pid, proc, classify: byRenderHeader, readyAfterMs: Math.round(performance.now() - started), stop: () => proc.stop() };
  }

  /** The environment of a gateway variant (see `gateway`). */
  function gatewayEnv(variant, fc) {
    return {
      ROLE: 'gateway',
      OFFLOAD: variant.startsWith('local-only') ? 'local-only' : 'fc-first',
      // Scenario 1's before/after: the shipped render thread, or renders on the event loop as before it.
      ...(variant === 'local-only-event-loop' ? { LOCAL_RENDER_THREADS: '0' } : {}),
      FC_TIMEOUT_MS: String(knobs.fcTimeoutMs),
      BREAKER_RESET_MS: String(knobs.breakerResetMs),
      ...(fc ? { FC_URL: fc.url } : {}),
      // fc-first runs the shipped default HEDGE_MS; the other two are scenario 4's "off" and "tuned".
      ...(variant === 'fc-first-hedge' ? { HEDGE_MS: String(knobs.hedgeMs) } : {}),
      ...(variant === 'fc-first-no-hedge' ? { HEDGE_MS: '0' } : {}),
      // The render cache only in the cached variant (scenarios 9–10): every other scenario measures renders.
      CACHE_MB: variant === 'fc-first-cached' ? '64' : '0',
    };
  }

  const real = existsSync(EMULATOR_CLI);
  /** One FC process on a free loopback port and its fault/stats API. */
  async function startFc(name) {
    const port = await freePort();
    const proc = startProcess(process.execPath, [real ? EMULATOR_CLI : STAND_IN_FC], {
      name,
      env: { PORT: String(port), EMU_PORT: String(port), EMU_HOST: '127.0.0.1', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    });
    const { url } = await waitForJsonLine(proc, 'listening');
    stack.memo.fcKind = real ? 'emulator' : 'stand-in';
    if (!real) notes.push('FC emulator not built: a bench stand-in (bench/servers/stand-in-fc.mjs) played FC.');
    const base = new URL(url);
    const fc = {
      kind: real ? 'emulator' : 'stand-in',
      url: url.replace(/\/+$/, ''),
      hostPort: base.host,
      pid: proc.pid,
      proc,
      async setFaults(partial) {
        const response = await fetch(`${base.origin}/__emulator/faults`, {
          method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(partial),
        });
        if (!response.ok) throw new Error(`PUT /__emulator/faults → ${response.status}: ${await response.text()}`);
        await response.arrayBuffer().catch(() => {});
      },
      heal() { return fc.setFaults(HEALTHY); },
      async stats() {
        const response = await fetch(`${base.origin}/__emulator/stats`);
        return response.json();
      },
    };
    return fc;
  }

  const stack = {
    knobs,
    notes,
    memo: {},

    /** The FC: the real emulator when built, else the bench stand-in (marked in the results). */
    fc: () => once('fc', () => startFc(real ? 'fc-emulator' : 'stand-in-fc')),

    /**
     * Two FC "regions" (scenario 12): the same function in two emulator processes, each with its own
     * stats, so the share of pages each region answered is counted by the region itself.
     */
    regions: () => once('regions', async () => {
      if (!real) throw new Error(`${EMULATOR_CLI} is missing: run \`npm run build\` (the regions are two FC emulators)`);
      const [a, b] = await Promise.all([startFc('fc-region-a'), startFc('fc-region-b')]);
      return { a: { ...a, name: 'fc-region-a' }, b: { ...b, name: 'fc-region-b' } };
    }),

    /** ssr-offload's renderer role: nginx's backup. */
    renderer: () => once('renderer', () => nodeServer('renderer', { ROLE: 'renderer' })),

    /** Bare node:http + render(); another `name` is another process (scenario 1's A/A control). */
    bare: (name = 'bare') => once(name, async () => {
      const port = await freePort();
      const proc = startProcess(process.execPath, [BARE], { name: `${name}-render`, env: { PORT: String(port) } });
      await waitForJsonLine(proc, 'listening');
      return { name, url: `http://127.0.0.1:${port}`, port, pid: proc.pid, proc, classify: byRenderHeader };
    }),

    /** Bare node:http keep-alive proxy in front of the same FC (issue 14's proxy-path baseline). */
    bareProxy: () => once('bare-proxy', async () => {
      const fc = await stack.fc();
      const port = await freePort();
      const proc = startProcess(process.execPath, [BARE_PROXY], { name: 'bare-proxy', env: { PORT: String(port), UPSTREAM: fc.url } });
      await waitForJsonLine(proc, 'listening');
      return { name: 'bare-proxy', url: `http://127.0.0.1:${port}`, port, pid: proc.pid, proc, classify: byRenderHeader, upstreams: [fc] };
    }),

    /** nginx config A in front of the FC and the renderer; `{ cache: true }` adds proxy_cache (scenarios 9–10). */
    nginx: ({ cache = false } = {}) => once(cache ? 'nginx:cache' : 'nginx', async () => {
      if (!findNginx()) throw new Error('nginx is not installed: run `sh scripts/bench-deps.sh` (apt-get install -y nginx-light) and retry');
      const [fc, renderer] = await Promise.all([stack.fc(), stack.renderer()]);
      const nginx = await startNginx({
        port: await freePort(),
        fc: fc.hostPort,
        local: `127.0.0.1:${renderer.port}`,
        timeoutMs: knobs.fcTimeoutMs,
        failTimeoutS: knobs.failTimeoutS,
        cache,
      });
      const localAddr = `127.0.0.1:${renderer.port}`;
      return {
        ...nginx,
        name: 'nginx',
        upstreams: [fc, renderer],
        // $upstream_addr: "fc" or "fc, local" after a failover; the last one answered.
        classify(headers) {
          // HIT, STALE, UPDATING (stale while the background update runs), REVALIDATED: no render for this answer.
          if (/^(HIT|STALE|UPDATING|REVALIDATED)$/.test(headers['x-cache-status'] ?? '')) return 'cache';
          const addrs = (headers['x-render-upstream'] ?? '').split(/\s*,\s*|\s+:\s+/).filter(Boolean);
          const last = addrs[addrs.length - 1];
          if (last === localAddr) return 'local';
          if (last === fc.hostPort) return 'fc';
          return 'other';
        },
      };
    }),

    /** nginx in front of the two regions (A primary, B backup) and the renderer (scenario 12). */
    nginxRegions: () => once('nginx:regions', async () => {
      if (!findNginx()) throw new Error('nginx is not installed: run `sh scripts/bench-deps.sh` (apt-get install -y nginx-light) and retry');
      const [regions, renderer] = await Promise.all([stack.regions(), stack.renderer()]);
      const nginx = await startNginx({
        port: await freePort(),
        regions: { a: regions.a.hostPort, b: regions.b.hostPort },
        local: `127.0.0.1:${renderer.port}`,
        timeoutMs: knobs.fcTimeoutMs,
        failTimeoutS: knobs.failTimeoutS,
      });
      const localAddr = `127.0.0.1:${renderer.port}`;
      return {
        ...nginx,
        name: 'nginx',
        upstreams: [regions.a, regions.b, renderer],
        // $upstream_addr lists every server tried ("A, B : local" after both failed); the last one answered.
        classify(headers) {
          const addrs = (headers['x-render-upstream'] ?? '').split(/\s*,\s*|\s+:\s+/).filter(Boolean);
          const last = addrs[addrs.length - 1];
          if (last === localAddr) return 'local';
          if (last === regions.a.hostPort || last === regions.b.hostPort) return 'fc';
          return 'other';
        },
      };
    }),

    /**
     * A gateway (fc-first, the shipped defaults) whose one site has the two regions as its targets in priority
     * order, with active health checks, from a sites file written to a temp dir (scenario 12).
     */
    regionsGateway: () => once('gateway:regions', async () => {
      if (!gatewayBuilt()) throw new Error('gateway not built: run `npm run build`');
      const regions = await stack.regions();
      const dir = mkdtempSync(join(tmpdir(), 'ssr-offload-bench-sites-'));
      const file = join(dir, 'sites.yaml');
      writeFileSync(file, regionsSitesFile(regions, knobs));
      const env = { ...gatewayEnv('fc-first', undefined), SITES_FILE: file, SITE_ORIGIN: undefined };
      const server = await nodeServer('gateway-regions', env);
      return { ...server, upstreams: [regions.a, regions.b], sitesFile: file, stop: async () => { await server.stop(); rmSync(dir, { recursive: true, force: true }); } };
    }),

    /**
     * A gateway process per variant: `local-only`, `local-only-event-loop` (LOCAL_RENDER_THREADS 0), `fc-first` (shipped defaults), `fc-first-no-hedge`
     * (HEDGE_MS 0), `fc-first-hedge` (HEDGE_MS = BENCH_HEDGE_MS), `fc-first-cached` (the render cache on, CACHE_MB 64;
     * every other variant runs CACHE_MB=0 so it measures renders). `{ gcProbe: true }` starts a separate one with bench/servers/gc-probe.mjs
     * preloaded, for `heapAfterGc()`.
     */
    gateway: (variant, { gcProbe = false } = {}) => once(`gateway:${variant}${gcProbe ? ':gc-probe' : ''}`, async () => {
      if (!gatewayBuilt()) {
        notes.push(`gateway not built: ROLE=renderer stood in for gateway ${variant}.`);
        return { ...(await nodeServer(`gateway-${variant}-stand-in`, { ROLE: 'renderer' })), standIn: true };
      }
      const fc = variant.startsWith('local-only') ? undefined : await stack.fc();
      // CACHE_MB comes from gatewayEnv: 0 for every variant that measures the render path (with the cache on, every
      // repeat of the one bench page would be a hit and no scenario would see FC), 64 for fc-first-cached.
      const env = gatewayEnv(variant, fc);
      const nodeFlags = gcProbe ? ['--expose-gc', '--import', pathToFileURL(GC_PROBE).href] : [];
      const server = await nodeServer(`gateway-${variant}${gcProbe ? '-gc-probe' : ''}`, env, nodeFlags);
      return { ...server, upstreams: fc ? [fc] : [], ...(gcProbe ? { heapAfterGc: () => heapAfterGc(server.proc) } : {}) };
    }),

    /**
     * A NEW gateway process every call (not shared, not kept: the caller stops it), resolved once `/readyz`
     * answers 200 — when a Kubernetes Service would start sending it traffic. Scenario 8's new pod.
     */
    freshGateway: async (variant, name = `gateway-${variant}-fresh`) => {
      if (!gatewayBuilt()) throw new Error('gateway not built: run `npm run build`');
      const fc = variant === 'local-only' ? undefined : await stack.fc();
      const server = await nodeServer(name, gatewayEnv(variant, fc), [], { readyPath: '/readyz' });
      return { ...server, upstreams: fc ? [fc] : [] };
    },

    rss: (target) => rssBytes(target.pid),

    /** The configuration a gateway started with `env` runs with, parsed by the built server/config.js. */
    gatewayConfig: async (env) => (await import(pathToFileURL(CONFIG).href)).loadConfig({ ROLE: 'gateway', ...env }),

    /** Stop everything this stack started. */
    async close() {
      const all = await Promise.allSettled([...started.values()]);
      for (const entry of all) if (entry.status === 'fulfilled' && entry.value?.stop) await entry.value.stop().catch(() => {});
      await stopAll();
      started.clear();
    },
  };
  return stack;
}
