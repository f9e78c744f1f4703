#!/usr/bin/env node
/**
 * `npm run soak` (issue 12): the gateway under an open-loop load for SOAK_DURATION_S (10 min) while the FC
 * emulator's faults change every SOAK_PHASE_S (20 s), the emulator process is SIGKILLed and restarted
 * once, and at the end a rolling update: a new gateway starts, the old one gets SIGTERM while the load is
 * still on it, and the load moves to the new one. Real processes on loopback: `node
 * dist/node/server/main.js` (ROLE=gateway, NODE_ENV=production) in front of `node
 * dist/node/functions/emulator/main.js`. Writes bench/results/soak.{json,md} (bench/results/tmp/ with
 * BENCH_QUICK=1). Knobs: bench/lib/soak-knobs.mjs; method and how to read it: docs/benchmarks.md "Soak".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { isEntryPoint, startCli } from './lib/cli.mjs';
import { runLoad } from './lib/load.mjs';
import { startOpenLoop } from './lib/open-loop.mjs';
import { freePort, rssBytes, startProcess, stopAll, waitForHttp, waitForJsonLine } from './lib/processes.mjs';
import { readSoakKnobs } from './lib/soak-knobs.mjs';
import { soakPhases, HEALTHY_FAULTS } from './lib/soak-phases.mjs';
import { soakMarkdown, soakSummary } from './lib/soak-report.mjs';
import { heapGrowth, p99Ratio, summarizeSlice } from './lib/soak-summary.mjs';
import { assertBuilt, ROOT } from './lib/stack.mjs';
import { round } from './lib/stats.mjs';
import { describeMachine, gitCommit } from './lib/suite.mjs';

const MAIN = `${ROOT}dist/node/server/main.js`;
const EMULATOR_CLI = `${ROOT}dist/node/functions/emulator/main.js`;
const GC_PROBE = `${ROOT}bench/servers/gc-probe.mjs`;
const SITE_ORIGIN = 'http://localhost:3000';
/** The goals of issue 12 ("What it must show"). */
export const GOALS = Object.freeze({ newPodP99OverSteady: 3, heapGrowthPct: 10 });
/** Soak rate = this share of the local-only capacity measured at the start, rounded to 10, within 20–200 /s. */
const RATE_SHARE = 0.25;
const RATE_RANGE = [20, 200];

const mb = (bytes) => round(bytes / (1024 * 1024), 1);

/** The emulator as its own process on `port`, counting calls open longer than `overdueMs`. */
async function startFc(port, overdueMs) {
  const proc = startProcess(process.execPath, [EMULATOR_CLI], {
    name: 'fc-emulator',
    env: { EMU_PORT: String(port), EMU_OVERDUE_MS: String(overdueMs), SITE_ORIGIN, LOG_LEVEL: 'warn' },
  });
  const { url } = await waitForJsonLine(proc, 'listening');
  const admin = async (method, path, body) => {
    const response = await fetch(`${url}/__emulator/${path}`, {
      method, signal: AbortSignal.timeout(3000), ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${method} /__emulator/${path} → ${response.status}: ${await response.text()}`);
    return response.json();
  };
  return { proc, url, setFaults: (faults) => admin('PUT', 'faults', faults), stats: () => admin('GET', 'stats') };
}

/**
 * A gateway process, as deployed except FC_TIMEOUT_MS (a knob) and the gc-probe preload (a full GC on
 * SIGWINCH, for the heap samples). Resolves once `/readyz` answers 200: when a Service would send it traffic.
 */
async function startGateway(name, env, knobs) {
  const port = await freePort();
  const started = performance.now();
  const proc = startProcess(process.execPath, ['--expose-gc', '--import', pathToFileURL(GC_PROBE).href, MAIN], {
    name: `gateway-${name}`,
    env: {
      ROLE: 'gateway', HOST: '127.0.0.1', PORT: String(port), ADMIN_PORT: '0', LOG_LEVEL: 'warn', SITE_ORIGIN, EMULATOR: 'off',
      OFFLOAD: 'fc-first', FC_TIMEOUT_MS: String(knobs.fcTimeoutMs), ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/readyz`, { proc, timeoutMs: 60_000 });
  return {
    name, url, proc, pid: proc.pid,
    readyAfterMs: Math.round(performance.now() - started),
    /** Full GC in the gateway, then its heap and RSS. */
    async heapAfterGc() {
      const line = waitForJsonLine(proc, 'gc-probe', 10_000);
      proc.child.kill('SIGWINCH');
      const probe = await line;
      return { heapAfterGcMb: mb(probe.heapUsedBytes), rssAfterGcMb: mb(probe.rssBytes) };
    },
  };
}

/**
 * The gateway's in-process page store, bounded by bytes (the render cache's `CACHE_MB`, or before it the
 * last-good copy's `STALE_CACHE_MB`; 64 MB by default), fills with the soak's unique URLs until it reaches
 * its budget: ~20 KB per page, so at 20 pages/s the default takes minutes and its filling would read as
 * heap growth. The soak gives it SOAK_CACHE_MB (8) so it is full within the first minute and the heap check
 * sees leaks, not a cache doing its job. Whichever name the built config knows is used.
 */
async function cacheBudgetEnv(megabytes) {
  if (megabytes === undefined || megabytes === null) return {};
  const { CONFIG_VARIABLES } = await import(pathToFileURL(`${ROOT}dist/node/server/config.js`).href);
  const name = CONFIG_VARIABLES.includes('CACHE_MB') ? 'CACHE_MB' : 'STALE_CACHE_MB';
  return { [name]: String(megabytes) };
}

/**
 * SHUTDOWN_DELAY_MS and SHUTDOWN_GRACE_MS as the Kubernetes base deploys them (k8s/base/kustomization.yaml
 * literals): the drain is measured with the shutdown timing pods really run with. SOAK_SHUTDOWN_DELAY_MS /
 * SOAK_SHUTDOWN_GRACE_MS override; a name the manifests do not set keeps the built default.
 */
function deployedShutdownEnv(knobs) {
  let manifest = '';
  try { manifest = readFileSync(`${ROOT}k8s/base/kustomization.yaml`, 'utf8'); } catch { /* no manifests */ }
  const env = {};
  for (const [name, override] of [['SHUTDOWN_DELAY_MS', knobs.shutdownDelayMs], ['SHUTDOWN_GRACE_MS', knobs.shutdownGraceMs]]) {
    const deployed = new RegExp(`^\\s*-\\s*${name}=(\\d+)\\s*$`, 'm').exec(manifest)?.[1];
    const value = override ?? deployed;
    if (value !== undefined) env[name] = String(value);
  }
  return env;
}

/** Closed-loop capacity of a local-only gateway: what the soak's rate is a share of. */
async function calibrate(knobs, log) {
  // No in-process cache: the calibration requests one page over and over, which a render cache would answer
  // from memory — the soak's unique URLs are all renders.
  const gateway = await startGateway('calibration', { OFFLOAD: 'local-only', ...(await cacheBudgetEnv(0)) }, knobs);
  try {
    const url = `${gateway.url}/products/1001`;
    await runLoad({ url, connections: 10, duration: 1 });
    const measured = await runLoad({ url, connections: 10, duration: knobs.calibrateS });
    const rate = Math.min(RATE_RANGE[1], Math.max(RATE_RANGE[0], Math.round((measured.rps * RATE_SHARE) / 10) * 10));
    log(`calibration: local-only gateway ${measured.rps} req/s closed-loop (10 connections) → soak rate ${rate}/s`);
    return { localOnlyRps: measured.rps, share: RATE_SHARE, range: RATE_RANGE, rate };
  } finally {
    await gateway.proc.stop();
  }
}

/** Sum the stats of every emulator life (it is SIGKILLed once: the counters of the dead one are kept). */
function fcOpenTotals(lives, current) {
  const all = current ? [...lives, current] : lives;
  return {
    overdue: all.reduce((sum, s) => sum + (s?.open?.overdue ?? 0), 0),
    overdueOpen: current?.open?.overdueOpen ?? 0,
    longestMs: Math.max(0, ...all.map((s) => s?.open?.longestMs ?? 0)),
    calls: all.reduce((sum, s) => sum + (s?.calls?.total ?? 0), 0),
  };
}

/** One GET on a connection of its own (a kubelet probe opens one per probe); resolves to the status or an error code. */
function probeOnce(url, timeoutMs) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on('end', () => resolve(`${response.statusCode}`));
      response.on('error', (error) => resolve(error.code ?? error.message));
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: `no answer in ${timeoutMs} ms` })));
    request.on('error', (error) => resolve(error.code ?? error.message));
  });
}

/** Poll `/readyz` every 50 ms until it stops answering 200 (or takes over 2 s); when and how. */
function watchReadiness(url, now) {
  let stop = false;
  const result = (async () => {
    while (!stop) {
      const answer = await probeOnce(`${url}/readyz`, 2000); // the gateway Deployment's readiness timeoutSeconds: 2
      if (answer !== '200') return { atMs: now(), how: /^\d+$/.test(answer) ? `HTTP ${answer}` : answer };
      await sleep(50);
    }
    return { atMs: null, how: 'still ready' };
  })();
  return { result, cancel: () => { stop = true; } };
}

/** The 1-minute load average while the soak ran: how much else wanted the cores. */
function machineLoadNote(samples) {
  const loads = samples.map((s) => s.load1).filter(Number.isFinite);
  if (!loads.length) return 'Machine load not sampled.';
  const sorted = [...loads].sort((x, y) => x - y);
  return `Machine 1-minute load average during the soak (every ${samples.length > 1 ? round(samples[1].tS - samples[0].tS, 0) : '—'} s): ` +
    `min ${sorted[0]}, median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)} on ${cpus().length} cores.`;
}

/**
 * First-seconds p99 ≤ 3× steady p99 at both new pods — and nothing failed in those windows: the p99 is of
 * answered requests, so a window where most requests timed out would otherwise pass on the few that made it.
 */
export function newPodGoal(newPod) {
  const ratios = [newPod.p99OverSteady.atSoakStart, newPod.p99OverSteady.atRollingUpdate];
  const failed = { atSoakStart: newPod.atSoakStart.failed, atRollingUpdate: newPod.atRollingUpdate.failed };
  return {
    met: ratios.every((r) => r !== null && r <= GOALS.newPodP99OverSteady) && failed.atSoakStart === 0 && failed.atRollingUpdate === 0,
    atSoakStart: ratios[0], atRollingUpdate: ratios[1], failed,
  };
}

/** Run the whole soak; returns the JSON written to soak.json. */
export async function runSoak(knobs, { log = () => {} } = {}) {
  assertBuilt();
  const startedAt = new Date();
  const notes = [
    'Everything runs on the same machine: load generator, gateways, FC emulator, and whatever else shares the cores.',
    ...(knobs.notes ?? []),
  ];
  const overdueMs = knobs.fcTimeoutMs + knobs.deadlineMarginMs;
  const phases = soakPhases(knobs.durationS, knobs.phaseS, knobs.faults);
  const fcPort = await freePort();
  try {
    const calibration = knobs.rate > 0 ? null : await calibrate(knobs, log);
    const rate = knobs.rate > 0 ? knobs.rate : calibration.rate;

    let fc = await startFc(fcPort, overdueMs);
    const deadLives = [];
    // FC in production is warm when a pod starts: warm the emulator's function first.
    await runLoad({ url: `${fc.url}/products/1001`, connections: 4, duration: 2 });
    await fc.setFaults(HEALTHY_FAULTS);
    await fetch(`${fc.url}/__emulator/reset-stats`, { method: 'POST' }).then((r) => r.arrayBuffer());

    const gatewayEnv = { FC_URL: fc.url, ...(await cacheBudgetEnv(knobs.cacheMb)), ...deployedShutdownEnv(knobs) };
    if (gatewayEnv.SHUTDOWN_DELAY_MS !== undefined && Number(gatewayEnv.SHUTDOWN_DELAY_MS) < knobs.lbLagMs) {
      notes.push(`SHUTDOWN_DELAY_MS ${gatewayEnv.SHUTDOWN_DELAY_MS} is shorter than the load balancer lag (SOAK_LB_LAG_MS ${knobs.lbLagMs}): requests sent after the listener closed are refused and count as lost.`);
    }
    const a = await startGateway('A', gatewayEnv, knobs);
    log(`gateway A ready after ${a.readyAfterMs} ms; open-loop ${rate}/s for ${phases.length} × ${knobs.phaseS} s, FC_TIMEOUT_MS ${knobs.fcTimeoutMs}`);

    const path = knobs.uniqueUrls ? (n) => `/products/${1001 + (n % 200)}?soak=${n}` : (n) => `/products/${1001 + (n % 200)}`;
    const load = startOpenLoop({ rate, target: a, path, connections: knobs.connections, timeoutMs: knobs.clientTimeoutMs, phase: phases[0].name });
    const rss = [];
    const rssTimer = setInterval(() => {
      try { rss.push({ tS: round(load.now() / 1000, 1), rssMb: mb(rssBytes(a.pid)), load1: round(loadavg()[0], 2) }); } catch { /* exited */ }
    }, knobs.sampleS * 1000);
    const heap = [];
    const phaseResults = [];
    let fcBefore = fcOpenTotals([], await fc.stats());

    for (const phase of phases) {
      const startMs = phase.startS * 1000;
      const wait = startMs - load.now();
      if (wait > 0) await sleep(wait);
      load.setPhase(phase.name);
      log(`  ${String(phase.startS).padStart(4)} s  ${phase.name}`);
      const endMs = phase.endS * 1000;
      if (phase.kind === 'kill') {
        deadLives.push(await fc.stats().catch(() => null));
        fc.proc.child.kill('SIGKILL');
        await fc.proc.exited;
        const downMs = Math.min(knobs.killDownS * 1000, endMs - load.now() - 500);
        if (downMs > 0) await sleep(downMs);
        fc = await startFc(fcPort, overdueMs); // the same port: the gateways' FC_URL does not change
        log(`        emulator restarted on port ${fcPort} after ${Math.round(downMs)} ms down`);
      } else {
        await fc.setFaults(phase.faults);
      }
      const rest = endMs - load.now();
      if (rest > 0) await sleep(rest);
      const sample = await a.heapAfterGc().catch((error) => ({ error: error.message }));
      heap.push({ tS: phase.endS, phase: phase.name, kind: phase.kind, ...sample });
      const fcNow = fcOpenTotals(deadLives, await fc.stats().catch(() => null));
      phaseResults.push({ ...phase, fcPastDeadline: fcNow.overdue - fcBefore.overdue, fcCalls: fcNow.calls - fcBefore.calls, heapAfterGcMb: sample.heapAfterGcMb ?? null });
      fcBefore = fcNow;
    }
    await fc.setFaults(HEALTHY_FAULTS);
    clearInterval(rssTimer);

    // Rolling update: the new pod starts while the old one still has the load (it shares the cores).
    load.setPhase('rolling update: B starting');
    const b = await startGateway('B', gatewayEnv, knobs);
    log(`gateway B ready after ${b.readyAfterMs} ms; SIGTERM to A under load, load moves to B after ${knobs.lbLagMs} ms`);
    const fcAtTerm = fcOpenTotals(deadLives, await fc.stats().catch(() => null));
    const readiness = watchReadiness(a.url, () => load.now());
    const sigtermAtMs = load.now();
    load.setPhase('drain: A got SIGTERM');
    a.proc.child.kill('SIGTERM');
    await sleep(knobs.lbLagMs);
    load.switchTo(b);
    const switchAtMs = load.now();
    load.setPhase('new pod B');
    const exitA = Promise.race([a.proc.exited.then((code) => ({ code, afterMs: Math.round(load.now() - sigtermAtMs) })), sleep(60_000, undefined, { ref: false }).then(() => ({ code: 'still running after 60 s', afterMs: null }))]);
    await sleep(knobs.newPodS * 1000);
    load.setPhase('after');
    const records = await load.stop();
    const aExit = await exitA;
    readiness.cancel();
    const readinessOff = await readiness.result;
    const fcAfterA = fcOpenTotals(deadLives, await fc.stats().catch(() => null));

    const bStop = performance.now();
    b.proc.child.kill('SIGTERM');
    const bExit = await Promise.race([b.proc.exited, sleep(30_000, undefined, { ref: false }).then(() => 'still running after 30 s')]);
    const bExitMs = Math.round(performance.now() - bStop);
    await b.proc.stop();
    const fcFinal = fcOpenTotals(deadLives, await fc.stats().catch(() => null));
    await fc.proc.stop();

    // Per phase, by when each request was due.
    const phaseSummaries = phaseResults.map((phase) => ({
      index: phase.index, name: phase.name, kind: phase.kind, startS: phase.startS, endS: phase.endS, faults: phase.faults,
      ...summarizeSlice(records.filter((r) => r.target === 'A' && r.due >= phase.startS * 1000 && r.due < phase.endS * 1000)),
      fcCalls: phase.fcCalls, fcPastDeadline: phase.fcPastDeadline, heapAfterGcMb: phase.heapAfterGcMb,
    }));
    const lastPhaseEndMs = phases.at(-1).endS * 1000;
    // Only what ended before SIGTERM: requests still open then belong to the drain.
    const rolling = summarizeSlice(records.filter((r) => r.target === 'A' && r.due >= lastPhaseEndMs && r.end < sigtermAtMs));

    // Drain: every request to A that was still open at SIGTERM or was sent after it.
    const drainRecords = records.filter((r) => r.target === 'A' && r.end >= sigtermAtMs);
    const inFlight = drainRecords.filter((r) => r.due < sigtermAtMs);
    const after = drainRecords.filter((r) => r.due >= sigtermAtMs);
    const drainSummary = summarizeSlice(drainRecords);
    const drain = {
      sigtermAtS: round(sigtermAtMs / 1000, 1),
      lbLagMs: knobs.lbLagMs,
      inFlightAtSigterm: inFlight.length,
      sentAfterSigterm: after.length,
      answered: drainSummary.answered,
      lost: drainSummary.failed,
      lostInFlight: summarizeSlice(inFlight).failed,
      lostSentAfter: summarizeSlice(after).failed,
      lostBy: drainSummary.failedBy,
      p99: drainSummary.p99,
      max: drainSummary.max,
      readinessOffAfterMs: readinessOff.atMs === null ? null : Math.round(readinessOff.atMs - sigtermAtMs),
      readinessOffHow: readinessOff.how,
      exitCode: aExit.code,
      exitAfterMs: aExit.afterMs,
      fcPastDeadlineDuringDrain: fcAfterA.overdue - fcAtTerm.overdue,
      newPodExitCode: bExit,
      newPodExitAfterMs: bExitMs,
    };

    // New pod: A's first seconds (the soak's start) and B's (the rolling update), against A's steady state.
    const first = (target, fromMs) => summarizeSlice(records.filter((r) => r.target === target && r.due >= fromMs && r.due < fromMs + knobs.newPodS * 1000));
    const steadyPhases = phaseSummaries.filter((p) => p.kind === 'healthy' && p.index > 0);
    const steady = summarizeSlice(records.filter((r) => r.target === 'A' && steadyPhases.some((p) => r.due >= p.startS * 1000 && r.due < p.endS * 1000)));
    const start = { ...first('A', 0), readyAfterMs: a.readyAfterMs };
    const rollingUpdate = { ...first('B', switchAtMs), readyAfterMs: b.readyAfterMs };
    const newPod = {
      seconds: knobs.newPodS,
      steady: { p50: steady.p50, p99: steady.p99, max: steady.max, sent: steady.sent, phases: steadyPhases.length },
      atSoakStart: start,
      atRollingUpdate: rollingUpdate,
      p99OverSteady: { atSoakStart: p99Ratio(start, steady), atRollingUpdate: p99Ratio(rollingUpdate, steady) },
      goal: GOALS.newPodP99OverSteady,
    };

    const growth = heapGrowth(heap);
    const faultPhases = phaseSummaries.filter((p) => p.kind !== 'healthy');
    const goals = {
      noFailedInFaultPhases: { met: faultPhases.every((p) => p.failed === 0), failed: faultPhases.reduce((s, p) => s + p.failed, 0), failedAllPhases: phaseSummaries.reduce((s, p) => s + p.failed, 0) },
      noLostAcrossSigterm: { met: drain.lost === 0 && drain.exitCode === 0, lost: drain.lost, exitCode: drain.exitCode },
      noFcCallPastDeadline: { met: fcFinal.overdue === 0, count: fcFinal.overdue, thresholdMs: overdueMs, longestMs: fcFinal.longestMs },
      heapFlat: { met: growth.growthPct !== null && growth.growthPct <= GOALS.heapGrowthPct, growthPct: growth.growthPct, limitPct: GOALS.heapGrowthPct },
      newPodWithin3xSteadyP99: newPodGoal(newPod),
    };
    return {
      date: startedAt.toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      commit: gitCommit(new URL('../', import.meta.url)),
      machine: describeMachine(),
      settings: {
        rate, calibration, durationS: knobs.durationS, phaseS: knobs.phaseS, phases: phases.length, connections: knobs.connections,
        clientTimeoutMs: knobs.clientTimeoutMs, fcTimeoutMs: knobs.fcTimeoutMs, overdueMs, killDownS: knobs.killDownS,
        faults: knobs.faults ?? 'all', lbLagMs: knobs.lbLagMs, newPodS: knobs.newPodS, uniqueUrls: knobs.uniqueUrls, quick: knobs.quick, gatewayEnv: { ...gatewayEnv, FC_URL: '<emulator>' },
        page: knobs.uniqueUrls ? '/products/{1001…1200}?soak={n}' : '/products/{1001…1200}',
        gateway: 'ROLE=gateway OFFLOAD=fc-first, shipped defaults but FC_TIMEOUT_MS; node --expose-gc --import bench/servers/gc-probe.mjs dist/node/server/main.js',
      },
      notes: [...notes, machineLoadNote(rss)],
      goals,
      phases: phaseSummaries,
      rollingUpdate: { ...rolling, bReadyAfterMs: b.readyAfterMs },
      drain,
      newPod,
      fcPastDeadline: { thresholdMs: overdueMs, total: fcFinal.overdue, longestOpenMs: fcFinal.longestMs, stillOpenAtEnd: fcFinal.overdueOpen, fcCalls: fcFinal.calls, emulatorLives: deadLives.length + 1 },
      memory: { heap, rss, growth },
    };
  } finally {
    await stopAll();
  }
}

if (isEntryPoint(import.meta.url)) {
  const { outDir } = startCli();
  const knobs = readSoakKnobs(process.env, process.env.SOAK_NOTE ? { notes: [process.env.SOAK_NOTE] } : {});
  const result = await runSoak(knobs, { log: (line) => console.log(line) });
  writeFileSync(`${outDir}/soak.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${outDir}/soak.md`, soakMarkdown(result));
  console.log(`\n${soakMarkdown(result)}\n## Summary (for the README)\n\n${soakSummary(result)}\n\n→ ${outDir}/soak.json, soak.md`);
}
