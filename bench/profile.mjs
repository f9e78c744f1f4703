#!/usr/bin/env node
/**
 * `node bench/profile.mjs <path>`: a focused measurement of one gateway hot path against its baseline, in
 * the same run, and a `--cpu-prof` profile of the gateway under that load. Paths:
 * - `cached`: gateway fc-first with the render cache on (every answer a hit) vs nginx `proxy_cache` (scenario 9);
 * - `fc`: gateway fc-first with `CACHE_MB=0` vs the bare node:http keep-alive proxy in front of the same FC
 *   emulator (scenario 11, healthy FC);
 * - `local`: gateway local-only vs the bare node:http server calling the same `render()` (scenario 1).
 *
 * Per repetition (order alternating) it measures req/s of both sides with autocannon, then CPU seconds per
 * 1000 pages of both over a fixed request count (/proc/<pid>/stat: what a shared, noisy machine skews
 * least). Then, unless PROFILE=0, a fresh gateway runs with `--cpu-prof` for PROFILE_REQUESTS requests and
 * the top frames by self time are printed (the .cpuprofile stays in PROFILE_DIR, outside git; open it in
 * Chrome DevTools or speedscope for a flame graph). Knobs: BENCH_DURATION, BENCH_CONNECTIONS, BENCH_REPS,
 * BENCH_WARMUP, BENCH_PAGE, PROFILE_CPU_REQUESTS (10000 per CPU measurement), PROFILE_REQUESTS (20000), PROFILE_DIR (a temp dir), PROFILE_TOP (25), and
 * PROFILE_BEFORE_ROOT: the root of another built checkout (e.g. `git archive <commit> | tar -x -C /tmp/base`
 * + `npm run build` there) whose gateway joins the same interleaved repetitions as `before`, so a change is
 * measured against the code before it in one run, not against a run on a differently loaded machine.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from './lib/cli.mjs';
import { runLoad } from './lib/load.mjs';
import { pageUrl } from './lib/measure.mjs';
import { cpuSeconds, freePort, startProcess, waitForHttp } from './lib/processes.mjs';
import { createStack, ROOT } from './lib/stack.mjs';
import { median, ratio } from './lib/stats.mjs';

// fc: no hedge, so every page is an FC page even when the shared machine slows the emulator down
// (BENCH_FC_TIMEOUT_MS raises the deadline and, with it, the slow-call rule's threshold).
const PATHS = {
  cached: { env: { CACHE_MB: '64' }, baseline: (stack) => stack.nginx({ cache: true }) },
  fc: { env: { CACHE_MB: '0', HEDGE_MS: '0' }, baseline: (stack) => stack.bareProxy() },
  local: { env: { CACHE_MB: '0', OFFLOAD: 'local-only' }, baseline: (stack) => stack.bare() },
};

const which = process.argv[2];
if (!PATHS[which]) {
  console.error(`usage: node bench/profile.mjs <${Object.keys(PATHS).join('|')}>`);
  process.exit(2);
}
const { knobs } = startCli();
const path = PATHS[which];
const log = (line) => console.log(line);
const stack = createStack(knobs);
const beforeRoot = process.env.PROFILE_BEFORE_ROOT;
const gatewayClassify = (headers) => (['fc', 'local', 'cache'].includes(headers['x-render-by']) ? headers['x-render-by'] : 'other');

/** A gateway like the suite's (stack.mjs), with extra node flags (the profiler), from `root`'s build. */
async function profiledGateway(fc, flags, root = ROOT, name = 'gateway-profiled') {
  const port = await freePort();
  const env = {
    HOST: '127.0.0.1', PORT: String(port), ADMIN_PORT: '0', LOG_LEVEL: 'warn', SITE_ORIGIN: 'http://localhost:3000', EMULATOR: 'off',
    ROLE: 'gateway', OFFLOAD: 'fc-first', FC_TIMEOUT_MS: String(knobs.fcTimeoutMs), BREAKER_RESET_MS: String(knobs.breakerResetMs), SHUTDOWN_DELAY_MS: '0',
    ...(fc ? { FC_URL: fc.url } : {}),
    ...path.env,
  };
  const proc = startProcess(process.execPath, [...flags, join(root, 'dist/node/server/main.js')], { name, env });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, { proc, timeoutMs: 60_000 });
  return { name, url, pid: proc.pid, proc, classify: gatewayClassify, stop: () => proc.stop() };
}

/**
 * Self time per function (file:line name) as a share of the busy samples, largest first, from a V8
 * .cpuprofile. Idle samples and start-up (module loading: any stack under node:internal/modules) are
 * left out, so the shares are of the time spent serving the load.
 */
function topFrames(profile, top) {
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const startUp = (node) => {
    for (let at = node; at; at = parent.get(at.id)) if (at.callFrame.url.startsWith('node:internal/modules')) return true;
    return false;
  };
  const self = new Map();
  let busy = 0;
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (!node.hitCount || functionName === '(idle)' || startUp(node)) continue;
    const file = url.replace(/^file:\/\//, '').replace(ROOT, '');
    const name = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    self.set(name, (self.get(name) ?? 0) + node.hitCount);
    busy += node.hitCount;
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, hits]) => ({ name, share: hits / busy }));
}

try {
  const fc = which === 'local' ? undefined : await stack.fc();
  if (fc) await fc.heal();
  // Ours and "before" start the same way, with the same environment.
  const [gateway, baseline] = await Promise.all([profiledGateway(fc, [], ROOT, 'gateway'), path.baseline(stack)]);
  const targets = { gateway, baseline };
  if (beforeRoot) targets.before = await profiledGateway(fc, [], beforeRoot, 'gateway-before');
  for (const target of Object.values(targets)) {
    await runLoad({ url: pageUrl(target, knobs), connections: knobs.connections, duration: Math.max(1, knobs.warmupS), classify: target.classify });
  }
  const names = Object.keys(targets);
  const rps = Object.fromEntries(names.map((name) => [name, []]));
  const cpu = Object.fromEntries(names.map((name) => [name, []]));
  const amount = Number(process.env.PROFILE_CPU_REQUESTS || 10_000);
  for (let rep = 0; rep < knobs.reps; rep++) {
    const order = rep % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const target = targets[name];
      const load = await runLoad({ url: pageUrl(target, knobs), connections: knobs.connections, duration: knobs.durationS, classify: target.classify });
      const before = cpuSeconds(target.pid);
      await runLoad({ url: pageUrl(target, knobs), connections: knobs.connections, amount, classify: target.classify });
      const cpuMs = ((cpuSeconds(target.pid) - before) * 1e6) / amount;
      rps[name].push(load.rps);
      cpu[name].push(cpuMs);
      log(`rep ${rep + 1} ${name}: ${load.rps} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, non2xx ${load.non2xx}, errors ${load.errors}, served by ${JSON.stringify({ fc: load.servedByFc, local: load.servedLocally, cache: load.servedFromCache })}; ${Math.round(cpuMs)} ms CPU / 1000 pages`);
    }
  }
  const perRep = rps.gateway.map((value, i) => ratio(value, rps.baseline[i]));
  log(`\n${which}: gateway ${median(rps.gateway)} req/s vs ${baseline.name} ${median(rps.baseline)} req/s → ×${ratio(median(rps.gateway), median(rps.baseline))} (per rep ${perRep.join(', ')})`);
  log(`${which}: CPU per 1000 pages gateway ${Math.round(median(cpu.gateway))} ms vs ${baseline.name} ${Math.round(median(cpu.baseline))} ms → ×${ratio(median(cpu.gateway), median(cpu.baseline))}`);
  if (beforeRoot) {
    const perRepBefore = rps.before.map((value, i) => ratio(value, rps.baseline[i]));
    const cpuAfterBefore = cpu.gateway.map((value, i) => ratio(value, cpu.before[i]));
    log(`${which}: before (${beforeRoot}) ${median(rps.before)} req/s → ×${ratio(median(rps.before), median(rps.baseline))} of ${baseline.name} (per rep ${perRepBefore.join(', ')}); CPU per 1000 pages ${Math.round(median(cpu.before))} ms → ×${ratio(median(cpu.before), median(cpu.baseline))}`);
    log(`${which}: after/before, same repetitions: req/s ×${ratio(median(rps.gateway), median(rps.before))} (per rep ${rps.gateway.map((value, i) => ratio(value, rps.before[i])).join(', ')}); CPU per page ×${median(cpuAfterBefore)} (per rep ${cpuAfterBefore.join(', ')})`);
    await targets.before.stop();
  }
  await gateway.stop();

  if (process.env.PROFILE !== '0') {
    const dir = process.env.PROFILE_DIR || mkdtempSync(join(tmpdir(), 'ssr-profile-'));
    const profiled = await profiledGateway(fc, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    const requests = Number(process.env.PROFILE_REQUESTS || 20_000);
    await runLoad({ url: pageUrl(profiled, knobs), connections: knobs.connections, amount: Math.min(2000, requests) });
    await runLoad({ url: pageUrl(profiled, knobs), connections: knobs.connections, amount: requests });
    await profiled.proc.stop(15_000);
    const file = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).map((name) => join(dir, name)).sort().pop();
    if (!file) throw new Error(`no .cpuprofile in ${dir}`);
    log(`\nprofile: ${file} (${requests} requests after ${Math.min(2000, requests)} warm-up)`);
    for (const { name, share } of topFrames(JSON.parse(readFileSync(file, 'utf8')), Number(process.env.PROFILE_TOP || 25))) {
      log(`${(share * 100).toFixed(1).padStart(5)}%  ${name}`);
    }
  }
} finally {
  await stack.close();
}

