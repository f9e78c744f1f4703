/**
 * An FC outage under load and the recovery after it, for one target: FC faults on for `faultS` seconds
 * while load runs (latency, errors and who rendered, scenario 3), then FC healthy again with the load
 * still running until the target serves ≥ `recoveryShare` of pages from FC again (scenario 5).
 */
import { runLoad, summarizeRecords } from './load.mjs';
import { pageUrl, waitUntilServedByFc } from './measure.mjs';
import { assertAlive } from './processes.mjs';
import { round } from './stats.mjs';

const BUCKET_MS = 250;
const TAIL_MS = 2000;

/**
 * Earliest time (ms after `healedAt`) from which every 250 ms bucket has an FC share ≥ `share`,
 * provided that holds for at least the last 2 s; undefined while it does not.
 */
export function recoveredAfter(records, healedAt, share) {
  const buckets = [];
  for (const record of records) {
    const index = Math.floor((record.t - healedAt) / BUCKET_MS);
    if (index < 0) continue;
    buckets[index] ??= { fc: 0, all: 0, first: record.t };
    buckets[index].all++;
    if (record.by === 'fc') buckets[index].fc++;
  }
  let from;
  for (let i = buckets.length - 1; i >= 0; i--) {
    const bucket = buckets[i];
    if (!bucket) continue; // no responses in this bucket: neutral
    if (bucket.fc / bucket.all >= share) from = i;
    else break;
  }
  if (from === undefined) return undefined;
  if ((buckets.length - from) * BUCKET_MS < TAIL_MS) return undefined;
  return buckets[from].first - healedAt;
}

/** One outage + recovery cycle. */
export async function outageCycle(stack, target, knobs, { faults, faultS }) {
  const fc = await stack.fc();
  await fc.heal();
  const onFc = await waitUntilServedByFc(target, knobs);
  const url = pageUrl(target, knobs);
  await fc.setFaults(faults);
  const faultStart = Date.now();
  const during = await runLoad({ url, connections: knobs.connections, duration: faultS, classify: target.classify, keepSamples: true });
  await fc.heal();
  const healedAt = Date.now();
  const after = await runLoad({
    url,
    connections: knobs.connections,
    duration: target.standIn ? 2 : knobs.recoveryMaxS,
    classify: target.classify,
    keepSamples: true,
    until: (records) => recoveredAfter(records, healedAt, knobs.recoveryShare) !== undefined,
  });
  assertAlive(target);
  const recoveryMs = recoveredAfter(after.records, healedAt, knobs.recoveryShare);
  return {
    startedOnFc: onFc,
    during: { ...during, seconds: round((healedAt - faultStart) / 1000) },
    recovery: {
      recovered: recoveryMs !== undefined,
      seconds: recoveryMs === undefined ? null : round(recoveryMs / 1000, 3),
      observedS: round((Date.now() - healedAt) / 1000),
      afterHeal: summarizeRecords(after.records.filter((r) => r.t >= healedAt), (Date.now() - healedAt) / 1000),
    },
  };
}
