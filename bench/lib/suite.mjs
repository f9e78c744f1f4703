/**
 * The one runner behind `npm run bench`: start what each scenario needs, run the scenarios in order,
 * collect a JSON-friendly result with the machine description, stop every process.
 */
import { cpus, totalmem, release } from 'node:os';
import { execFileSync } from 'node:child_process';
import { findNginx } from './nginx.mjs';
import { createStack } from './stack.mjs';
import renderOverhead from '../scenarios/01-render-overhead.mjs';
import healthyFc from '../scenarios/02-healthy-fc.mjs';
import fcHangs from '../scenarios/03-fc-hangs.mjs';
import brownout from '../scenarios/04-brownout.mjs';
import fcRecovers from '../scenarios/05-fc-recovers.mjs';
import coldStart from '../scenarios/06-cold-start.mjs';
import memory from '../scenarios/07-memory.mjs';
import tail from '../scenarios/11-tail.mjs';
import regionFailover from '../scenarios/12-region-failover.mjs';
import newPod from '../scenarios/08-new-pod.mjs';
import cachedPages from '../scenarios/09-cached-pages.mjs';
import fcHangsWarmCache from '../scenarios/10-fc-hangs-warm-cache.mjs';

export const SCENARIOS = [renderOverhead, healthyFc, fcHangs, brownout, fcRecovers, coldStart, memory, newPod, cachedPages, fcHangsWarmCache, tail, regionFailover];

function nginxVersionString() {
  const binary = findNginx();
  if (!binary) return null;
  try {
    return execFileSync('sh', ['-c', `"${binary}" -v 2>&1`], { encoding: 'utf8' }).trim().replace(/^nginx version:\s*/, '');
  } catch {
    return null;
  }
}

/** Short commit id of `cwd`, or null outside git. */
export function gitCommit(cwd) {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Cores, CPU model, memory, Node and nginx versions. */
export function describeMachine() {
  const cpuList = cpus();
  return {
    cores: cpuList.length,
    cpuModel: cpuList[0]?.model?.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    nginx: nginxVersionString(),
    autocannon: '8',
  };
}

/**
 * Run the selected scenarios.
 * @param knobs from `readKnobs()`
 * @param {{ log?: (line: string) => void }} options
 */
export async function runSuite(knobs, { log = () => {} } = {}) {
  const started = new Date();
  const selected = SCENARIOS.filter((scenario) => !knobs.only || knobs.only.some((id) => scenario.id === id || scenario.id.startsWith(`${id}-`)));
  const stack = createStack(knobs);
  const scenarios = {};
  const nginxMissing = !findNginx();
  try {
    for (const scenario of selected) {
      const t0 = Date.now();
      log(`▶ ${scenario.id}: ${scenario.title}`);
      if (scenario.needsNginx && nginxMissing) {
        scenarios[scenario.id] = { title: scenario.title, error: 'nginx is not installed: run `sh scripts/bench-deps.sh` (apt-get install -y nginx-light) and retry' };
        log(`  skipped: ${scenarios[scenario.id].error}`);
        continue;
      }
      try {
        const result = await scenario.run(stack, knobs, log);
        scenarios[scenario.id] = { title: scenario.title, oursName: scenario.oursName, baselineName: scenario.baselineName, ...result, seconds: Math.round((Date.now() - t0) / 100) / 10 };
      } catch (error) {
        scenarios[scenario.id] = { title: scenario.title, error: error instanceof Error ? error.message : String(error), seconds: Math.round((Date.now() - t0) / 100) / 10 };
        log(`  FAILED: ${scenarios[scenario.id].error}`);
      }
    }
  } finally {
    await stack.close();
  }
  const fc = stack.memo?.fcKind;
  return {
    date: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    commit: gitCommit(new URL('../../', import.meta.url)),
    machine: describeMachine(),
    settings: { ...knobs, fc },
    notes: [...new Set(stack.notes)],
    headline: headline(scenarios),
    scenarios,
  };
}

/** The ratios against the baseline that the README quotes. */
export function headline(s) {
  const get = (id, fn) => { try { const value = s[id] && !s[id].error ? fn(s[id]) : null; return value ?? null; } catch { return null; } };
  return {
    renderOverheadThroughputRatio: get('1-render-overhead', (r) => r.ratios.throughput),
    healthyFcThroughputRatio: get('2-healthy-fc', (r) => r.ratios.throughput),
    healthyFcAddedP50Ms: get('2-healthy-fc', (r) => ({ ours: r.added.ours.p50Ms, nginx: r.added.baseline.p50Ms })),
    healthyFcAddedP99Ms: get('2-healthy-fc', (r) => ({ ours: r.added.ours.p99Ms, nginx: r.added.baseline.p99Ms })),
    hangP99Ratio: get('3-fc-hangs', (r) => r.ratios.p99),
    hangFailed: get('3-fc-hangs', (r) => ({ ours: r.ours.failed.median, nginx: r.baseline.failed.median })),
    brownoutP99Ratio: get('4-brownout', (r) => r.ratios.p99),
    brownoutP99RatioUnhedged: get('4-brownout', (r) => r.ratios.p99Unhedged),
    brownoutP99RatioHedged: get('4-brownout', (r) => r.ratios.p99Hedged),
    brownoutLocalShare: get('4-brownout', (r) => r.localShare),
    recoverySeconds: get('5-fc-recovers', (r) => ({ ours: r.ours.recoverySeconds.median, nginx: r.baseline.recoverySeconds.median })),
    bundleBytes: get('6-cold-start', (r) => r.bundle && { raw: r.bundle.rawBytes, gzip: r.bundle.gzipBytes }),
    coldImportAndFirstRenderMs: get('6-cold-start', (r) => r.ours?.importAndFirstRenderMs.median),
    memoryMbPer10kRequests: get('7-memory', (r) => r.growth.mbPer10kRequests),
    tailGoals: get('11-tail', (r) => Object.fromEntries(Object.entries(r.goals).map(([name, goal]) => [name, { value: goal.value, met: goal.met }]))),
    newPodP99Ratio: get('8-new-pod', (r) => r.ratios.p99),
    cachedThroughputRatio: get('9-cached-pages', (r) => r.ratios.throughput),
    warmCacheHangP99OverHealthy: get('10-fc-hangs-warm-cache', (r) => ({ ours: r.ratios.oursHangOverHealthyP99, nginx: r.ratios.baselineHangOverHealthyP99 })),
    warmCacheHangFailed: get('10-fc-hangs-warm-cache', (r) => ({ ours: r.ours.failed.median, nginx: r.baseline.failed.median })),
    regionSwitchSeconds: get('12-region-failover', (r) => ({ ours: r.ours.switchSeconds.median, nginx: r.baseline.switchSeconds.median })),
    regionSwitchFailed: get('12-region-failover', (r) => ({ ours: r.ours.failed.median, nginx: r.baseline.failed.median })),
  };
}
