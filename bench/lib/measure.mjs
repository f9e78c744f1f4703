/**
 * Shared measuring steps of the scenarios: warm up, run every target back to back for each repetition
 * (order alternates per repetition so drift does not favour one side), and wait until a target serves
 * from FC again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { runLoad } from './load.mjs';
import { assertAlive } from './processes.mjs';
import { summarizeReps } from './stats.mjs';

export const pageUrl = (target, knobs) => `${target.url}${knobs.page}`;

/**
 * @param {Record<string, object>} targets name → target (url, classify)
 * @returns name → { reps: [...], median/min/max per field }
 */
export async function interleaved(targets, knobs, log, { durationS = knobs.durationS } = {}) {
  const names = Object.keys(targets);
  for (const name of names) {
    if (!(knobs.warmupS > 0)) break;
    await runLoad({ url: pageUrl(targets[name], knobs), connections: knobs.connections, duration: knobs.warmupS, classify: targets[name].classify });
  }
  const reps = Object.fromEntries(names.map((name) => [name, []]));
  for (let rep = 0; rep < knobs.reps; rep++) {
    const order = rep % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const result = await runLoad({ url: pageUrl(targets[name], knobs), connections: knobs.connections, duration: durationS, classify: targets[name].classify });
      assertAlive(targets[name]);
      log(`  rep ${rep + 1}/${knobs.reps} ${name}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}, non2xx ${result.non2xx}`);
      reps[name].push(result);
    }
  }
  return Object.fromEntries(names.map((name) => [name, { ...summarizeReps(reps[name]), reps: reps[name] }]));
}

/** One request; returns who rendered it. */
export async function probe(target, knobs, timeoutMs = 5000) {
  try {
    const response = await fetch(pageUrl(target, knobs), { signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'ssr-offload-bench' } });
    await response.arrayBuffer();
    const headers = {};
    response.headers.forEach((value, name) => { headers[name] = value; });
    return target.classify(headers);
  } catch {
    return 'error';
  }
}

/** Wait until `n` consecutive requests are served by FC (after a fault is cleared). */
export async function waitUntilServedByFc(target, knobs, { n = 5, timeoutS = knobs.recoveryMaxS } = {}) {
  if (target.standIn) return false; // a renderer standing in for the gateway never calls FC
  const deadline = Date.now() + timeoutS * 1000;
  let streak = 0;
  while (Date.now() < deadline) {
    streak = (await probe(target, knobs)) === 'fc' ? streak + 1 : 0;
    if (streak >= n) return true;
    if (streak === 0) await sleep(100);
  }
  return false;
}
