/**
 * A small in-process ring of metric snapshots: every second the gateway's own `ssr_*` series are copied
 * from its prom-client registry, and windowed numbers (the last minute's shares, rates and percentiles)
 * are differences between the newest snapshot and the one a minute older — what Prometheus' `increase()`
 * and `histogram_quantile()` compute, without a Prometheus. It reads only the public metric contract
 * (server/gateway-metrics.ts), so any series another module adds (cache, hedge, queue) shows up here too.
 */
import type { Registry } from 'prom-client';

/** One series value: `name` is the sample name (`…_bucket`, `…_count` for histograms). */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Snapshot {
  /** ms since the epoch. */
  readonly at: number;
  readonly samples: readonly Sample[];
}

export interface MetricWindow {
  /** Oldest first; at most `size`. */
  snapshots(): readonly Snapshot[];
  /** Take a snapshot now (the timer does it every `intervalMs`). */
  sample(): Promise<void>;
  stop(): void;
}

export interface MetricWindowOptions {
  registry: Registry;
  /** Default 1000. */
  intervalMs?: number;
  /** Snapshots kept; default 61 (one minute of differences at 1 s). */
  size?: number;
  /** Series prefix; default `ssr_` (process metrics are Prometheus' business). */
  prefix?: string;
}

export function createMetricWindow({ registry, intervalMs = 1000, size = 61, prefix = 'ssr_' }: MetricWindowOptions): MetricWindow {
  const ring: Snapshot[] = [];
  let sampling: Promise<void> | undefined;
  async function take(): Promise<void> {
    const samples: Sample[] = [];
    for (const { name } of registry.getMetricsAsArray()) {
      const metric = name.startsWith(prefix) ? registry.getSingleMetric(name) : undefined;
      if (!metric) continue;
      const { values } = await metric.get();
      for (const value of values) {
        const labels: Record<string, string> = {};
        for (const [key, label] of Object.entries(value.labels)) labels[key] = String(label);
        samples.push({ name: (value as { metricName?: string }).metricName ?? name, labels, value: value.value });
      }
    }
    ring.push({ at: Date.now(), samples });
    if (ring.length > size) ring.splice(0, ring.length - size);
  }
  const sample = () => (sampling ??= take().finally(() => { sampling = undefined; }));
  const timer = setInterval(() => { sample().catch(() => undefined); }, intervalMs);
  timer.unref();
  void sample().catch(() => undefined);
  return { snapshots: () => ring, sample, stop: () => clearInterval(timer) };
}

/** Sum of the samples named `name` whose labels match `where` (missing keys match anything). */
export function total(snapshot: Snapshot | undefined, name: string, where: Record<string, string> = {}): number {
  if (!snapshot) return 0;
  let sum = 0;
  for (const sample of snapshot.samples) {
    if (sample.name !== name) continue;
    if (Object.entries(where).every(([key, value]) => sample.labels[key] === value)) sum += sample.value;
  }
  return sum;
}

/** Increase of a counter between two snapshots, per label value of `by` (counter resets count from 0). */
export function increaseBy(newest: Snapshot | undefined, oldest: Snapshot | undefined, name: string, by: string, where: Record<string, string> = {}, keepZero = false): Record<string, number> {
  const result: Record<string, number> = {};
  const at = (snapshot: Snapshot | undefined) => {
    const map = new Map<string, number>();
    for (const sample of snapshot?.samples ?? []) {
      if (sample.name !== name || !Object.entries(where).every(([key, value]) => sample.labels[key] === value)) continue;
      const key = sample.labels[by] ?? '';
      map.set(key, (map.get(key) ?? 0) + sample.value);
    }
    return map;
  };
  const before = at(oldest);
  for (const [key, value] of at(newest)) {
    const delta = value >= (before.get(key) ?? 0) ? value - (before.get(key) ?? 0) : value;
    if (delta > 0 || keepZero) result[key] = delta;
  }
  return result;
}

/**
 * Quantile from the increase of a histogram's cumulative buckets, interpolated linearly inside the
 * bucket like PromQL's histogram_quantile (https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile).
 * Undefined without observations; the highest finite bound when the quantile falls in `+Inf`.
 */
export function quantile(q: number, newest: Snapshot | undefined, oldest: Snapshot | undefined, histogram: string, where: Record<string, string> = {}): number | undefined {
  const buckets = increaseBy(newest, oldest, `${histogram}_bucket`, 'le', where, true);
  const bounds = Object.keys(buckets).map((le) => ({ le: le === '+Inf' ? Infinity : Number(le), count: buckets[le]! })).sort((a, b) => a.le - b.le);
  const count = bounds.find((b) => b.le === Infinity)?.count ?? 0;
  if (count === 0) return undefined;
  const rank = q * count;
  let lower = 0;
  let below = 0;
  for (const { le, count: cumulative } of bounds) {
    if (cumulative >= rank) {
      if (le === Infinity) return lower;
      return lower + (le - lower) * ((rank - below) / Math.max(cumulative - below, 1e-9));
    }
    lower = le;
    below = cumulative;
  }
  return lower;
}
