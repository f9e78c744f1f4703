/** Small statistics helpers: percentiles of samples, and median/min/max over repetitions. */

/** Nearest-rank percentile of unsorted numbers (p in 0..100); NaN for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Latency summary (ms) of raw samples. */
export function latencySummary(samples) {
  if (samples.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  let sum = 0;
  for (const v of sorted) sum += v;
  return { p50: round(at(50)), p90: round(at(90)), p99: round(at(99)), max: round(sorted[sorted.length - 1]), mean: round(sum / sorted.length) };
}

export function median(values) {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

/** `{ median, min, max }` of one numeric field across repetitions. */
export function spread(values) {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { median: null, min: null, max: null, n: 0 };
  return { median: round(median(finite)), min: round(Math.min(...finite)), max: round(Math.max(...finite)), n: finite.length };
}

/** Summarize repetitions: every numeric field of the reps becomes `{ median, min, max }`. */
export function summarizeReps(reps) {
  const fields = new Set();
  for (const rep of reps) for (const [key, value] of Object.entries(rep)) if (typeof value === 'number') fields.add(key);
  const out = {};
  for (const field of fields) out[field] = spread(reps.map((rep) => rep[field]));
  return out;
}

/** Ratio of two medians, rounded; null when the denominator is 0 or missing. */
export function ratio(ours, baseline) {
  if (!Number.isFinite(ours) || !Number.isFinite(baseline) || baseline === 0) return null;
  return round(ours / baseline, 3);
}

export function round(value, digits = 2) {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
