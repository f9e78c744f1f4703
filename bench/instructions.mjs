#!/usr/bin/env node
/**
 * `npm run bench:instructions`: CPU instructions per page of the gateway (`OFFLOAD=local-only`,
 * `CACHE_MB=0`) and of the bare `node:http` server calling the same `render()` (scenario 1's pair), counted by
 * valgrind's callgrind instead of timed. On the 2 shared cores this suite runs on, two identical servers
 * measured back to back or side by side differ by up to ±25 % in req/s (docs/benchmarks.md, render
 * overhead); an instruction count moves far less with what the other tenants of the host are doing
 * (https://valgrind.org/docs/manual/cl-manual.html), so it says what the gateway's own work costs per page
 * where a timing cannot. It is not independent of them: V8 schedules compilation and GC by time, and a run
 * made while a CI run shared the cores counted the bare server at 6.2 M instructions per page against 5.5 M
 * on a quieter host. Compare the sides of one run, never counts from different runs.
 *
 * Per process: start it under callgrind (`--separate-threads=yes`: thread 1 is the event loop, the others
 * are V8's GC and compiler threads), render INSTR_WARMUP pages so V8 reaches its optimising tiers, zero the
 * counters, serve INSTR_REQUESTS pages over INSTR_CONNECTIONS keep-alive connections, and dump. Every side
 * runs INSTR_RUNS processes, all at the same time, so every side sees the same host (V8's tier-up and GC
 * timing move the counts a little, which is why there is more than one, and the spread is reported).
 *
 * Under valgrind a page takes ~50× longer, so work that runs per second weighs ~50× more per page than at
 * full speed. On the event loop that is the gateway's event-loop-delay sampler (a 10 ms native timer and a
 * 100 ms interval: tens of thousands of instructions per page here, against ~5.5 M for the page). Subtracting
 * an idle window's rate does not work: right after the warm-up the idle process runs V8's memory reducer
 * (full collections), which is no steady rate; the counts are reported raw.
 *
 * Needs valgrind (Debian package `valgrind`). Writes bench/results/instructions.json and .md
 * (bench/results/tmp/ with BENCH_QUICK=1). INSTR_BEFORE_ROOT = the root of another built checkout whose
 * gateway joins the same run as `before` (before/after of a change in instructions, not seconds).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from './lib/cli.mjs';
import { runLoad } from './lib/load.mjs';
import { freePort, startProcess, waitForHttp } from './lib/processes.mjs';
import { ROOT } from './lib/stack.mjs';
import { median, ratio } from './lib/stats.mjs';
import { describeMachine } from './lib/suite.mjs';

const { knobs, outDir } = startCli();
const int = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
const settings = {
  warmup: int('INSTR_WARMUP', knobs.quick ? 300 : 1500),
  requests: int('INSTR_REQUESTS', knobs.quick ? 150 : 600),
  connections: int('INSTR_CONNECTIONS', knobs.connections),
  runs: int('INSTR_RUNS', knobs.quick ? 1 : 2),
  page: knobs.page,
};
const beforeRoot = process.env.INSTR_BEFORE_ROOT;
const log = (line) => console.log(line);
// valgrind's gdbserver names its pipes after $HOST, and the gateway binds to $HOST: callgrind_control must
// be run with the same value to find them.
const HOST = '127.0.0.1';

const gatewayEnv = {
  HOST, ADMIN_PORT: '0', LOG_LEVEL: 'warn', SITE_ORIGIN: 'http://localhost:3000', EMULATOR: 'off', ROLE: 'gateway',
  OFFLOAD: 'local-only', CACHE_MB: '0', SHUTDOWN_DELAY_MS: '0',
  // ~50× slower under valgrind: the warm-up and the queue's wait bound must not cut the run short.
  WARMUP_TIMEOUT_MS: '120000', LOCAL_QUEUE_TIMEOUT_MS: '600000',
};
const SIDES = {
  gateway: { script: (root) => join(root, 'dist/node/server/main.js'), env: gatewayEnv, root: ROOT },
  bare: { script: (root) => join(root, 'bench/servers/bare-render.mjs'), env: { HOST }, root: ROOT },
  ...(beforeRoot ? { before: { script: (root) => join(root, 'dist/node/server/main.js'), env: gatewayEnv, root: beforeRoot } } : {}),
};

const control = (command, pid) => execFileSync('callgrind_control', [command, String(pid)], { env: { ...process.env, HOST }, stdio: ['ignore', 'pipe', 'pipe'] });

/** Instructions per thread in the dump files of one part (thread 1 = the event loop). */
function dumpedInstructions(dir, part) {
  const threads = {};
  for (const file of readdirSync(dir)) {
    const match = file.match(/\.(\d+)-(\d+)$/);
    if (!match || Number(match[1]) !== part) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    const total = text.match(/^(?:summary|totals): (\d+)/m);
    if (total) threads[Number(match[2])] = Number(total[1]);
  }
  const all = Object.values(threads).reduce((sum, n) => sum + n, 0);
  return { main: threads[1] ?? 0, all };
}

async function measure(name, side, run) {
  const dir = mkdtempSync(join(tmpdir(), `instr-${name}-`));
  const port = await freePort();
  const proc = startProcess('valgrind', [
    '--tool=callgrind', '--separate-threads=yes', '--smc-check=all-non-file', `--callgrind-out-file=${dir}/cg.%p`,
    process.execPath, side.script(side.root),
  ], { name: `${name}-${run}`, env: { ...side.env, PORT: String(port) } });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/healthz`, { proc, timeoutMs: 600_000 });
    await runLoad({ url: `${url}${settings.page}`, connections: settings.connections, amount: settings.warmup, timeoutS: 300 });
    control('-z', proc.pid);
    const loadStarted = Date.now();
    const load = await runLoad({ url: `${url}${settings.page}`, connections: settings.connections, amount: settings.requests, timeoutS: 300 });
    control('-d', proc.pid); // part 1: the counted pages
    const loadS = (Date.now() - loadStarted) / 1000;
    const counted = dumpedInstructions(dir, 1);
    const pages = load.requests || settings.requests;
    const result = { name, run, pages, non2xx: load.non2xx, errors: load.errors, loadS, main: Math.round(counted.main / pages), all: Math.round(counted.all / pages) };
    log(`${name} #${run}: ${(result.main / 1e6).toFixed(3)} M instructions/page on the event loop, ${(result.all / 1e6).toFixed(3)} M in all threads; ${pages} pages in ${loadS.toFixed(0)} s, non2xx ${load.non2xx}, errors ${load.errors}`);
    return result;
  } finally {
    await proc.stop(60_000);
  }
}

const started = new Date();
log(`instructions per page under callgrind: ${Object.keys(SIDES).join(', ')}; ${settings.runs} process(es) each, ${settings.warmup} warm-up pages, ${settings.requests} counted pages, ${settings.connections} connections, page ${settings.page}`);
const jobs = [];
for (const [name, side] of Object.entries(SIDES)) for (let run = 1; run <= settings.runs; run++) jobs.push(measure(name, side, run));
const runs = await Promise.all(jobs);
const THREADS = ['main', 'all'];
const summary = {};
for (const name of Object.keys(SIDES)) {
  const mine = runs.filter((r) => r.name === name);
  summary[name] = Object.fromEntries(THREADS.map((thread) => {
    const values = mine.map((r) => r[thread]);
    return [thread, { median: Math.round(median(values)), min: Math.min(...values), max: Math.max(...values) }];
  }));
}
const ratios = (a, b) => Object.fromEntries(THREADS.map((thread) => [thread, ratio(summary[a][thread].median, summary[b][thread].median)]));
const result = {
  date: started.toISOString(),
  durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
  machine: describeMachine(),
  valgrind: execFileSync('valgrind', ['--version']).toString().trim(),
  settings,
  runs,
  perPage: summary,
  gatewayOverBare: ratios('gateway', 'bare'),
  ...(beforeRoot ? { gatewayOverBefore: ratios('gateway', 'before'), beforeRoot } : {}),
};
writeFileSync(join(outDir, 'instructions.json'), `${JSON.stringify(result, null, 2)}\n`);
const m = (n) => (n / 1e6).toFixed(3);
const cell = (s) => `${m(s.median)} (${m(s.min)}–${m(s.max)})`;
const rows = Object.entries(summary).map(([name, s]) => `| ${name} | ${cell(s.main)} | ${cell(s.all)} |`);
const r = result.gatewayOverBare;
const before = result.gatewayOverBefore;
writeFileSync(join(outDir, 'instructions.md'), `# Instructions per page (callgrind)

${result.date}, ${result.valgrind}, Node ${process.version}, ${settings.runs} process(es) per side (median (min–max)), ${settings.requests} pages of \`${settings.page}\` after ${settings.warmup} warm-up pages, ${settings.connections} connections.
"Event loop" is thread 1; "all threads" adds V8's GC and compiler threads. Method: bench/instructions.mjs.

| side | event loop, M instructions/page | all threads, M instructions/page |
|---|---|---|
${rows.join('\n')}

gateway / bare: event loop ×${r.main}, all threads ×${r.all}.
${before ? `gateway / before (${beforeRoot}): event loop ×${before.main}, all threads ×${before.all}.\n` : ''}`);
log(`\ngateway / bare: event loop ×${r.main}, all threads ×${r.all}${before ? `; gateway / before: event loop ×${before.main}, all threads ×${before.all}` : ''} → ${join(outDir, 'instructions.md')}`);
process.exit(0);
