/**
 * Open-loop records → the soak's per-phase figures: sent / answered / failed (with the reasons), latency
 * percentiles of the answered requests, who rendered them, and the heap-growth and new-pod ratios.
 */
import { isFailed } from './open-loop.mjs';
import { latencySummary, round } from './stats.mjs';

/** Figures of one slice of records. */
export function summarizeSlice(records) {
  const failedBy = {};
  const by = { fc: 0, local: 0, cache: 0, other: 0 };
  const latencies = [];
  let failed = 0;
  for (const record of records) {
    if (isFailed(record)) {
      failed += 1;
      const reason = record.status ? `HTTP ${record.status}` : record.error || 'no answer';
      failedBy[reason] = (failedBy[reason] ?? 0) + 1;
      continue;
    }
    latencies.push(record.latency);
    const who = record.by === 'fc' || record.by === 'local' || record.by === 'cache' ? record.by : 'other';
    by[who] += 1;
  }
  const { p50, p99, max } = latencySummary(latencies);
  return { sent: records.length, answered: records.length - failed, failed, failedBy, p50, p99, max, by };
}

/**
 * Heap growth between the first heap sample at or after 60 s and the last one, both taken at the end of a
 * healthy phase (the same point of the fault cycle). Short runs fall back to the first healthy sample.
 */
export function heapGrowth(samples) {
  const healthy = samples.filter((s) => s.kind === 'healthy' && Number.isFinite(s.heapAfterGcMb));
  if (healthy.length < 2) return { fromS: null, toS: null, fromMb: null, toMb: null, growthPct: null };
  const from = healthy.find((s) => s.tS >= 60 && s !== healthy.at(-1)) ?? healthy[0];
  const to = healthy.at(-1);
  return { fromS: from.tS, toS: to.tS, fromMb: from.heapAfterGcMb, toMb: to.heapAfterGcMb, growthPct: round(((to.heapAfterGcMb - from.heapAfterGcMb) / from.heapAfterGcMb) * 100, 1) };
}

/** p99 over p99, rounded; null when either is missing or the steady p99 is 0. */
export function p99Ratio(first, steady) {
  if (!Number.isFinite(first?.p99) || !Number.isFinite(steady?.p99) || steady.p99 <= 0) return null;
  return round(first.p99 / steady.p99, 2);
}
