/**
 * A sliding window of latencies as N HdrHistograms that rotate (Finagle's `BackupRequestFilter` keeps its
 * history the same way): recording is O(1) into the newest sub-window, a rotation drops the oldest one, and
 * percentiles come from one merged histogram, never from sorting an array of samples.
 * https://github.com/HdrHistogram/HdrHistogramJS, https://twitter.github.io/finagle/guide/MethodBuilder.html#idempotency
 */
import type { Histogram } from 'hdr-histogram-js';
import { requireOnUse } from '../require-on-use.js';

/** Values are recorded in microseconds: 1 µs resolution at the bottom, 2 significant digits (1 % error). */
const US_PER_MS = 1000;

/** Required on first use (server/require-on-use.ts): only a site that hedges keeps a window. */
function histogram(): Histogram {
  const { build } = requireOnUse<typeof import('hdr-histogram-js')>('hdr-histogram-js');
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 2, autoResize: false });
}

export interface LatencySnapshot {
  /** Samples in the whole window. */
  readonly count: number;
  /** Value at `percentile` (0–100) over the whole window, in ms; 0 when empty. */
  percentileMs(percentile: number): number;
  /**
   * Share (0–1) of the window's samples at or below `ms`, found by bisecting the percentile (hdr-histogram-js
   * has no count-between-values): to within 0.1 percentile point, enough for choosing a delay.
   */
  shareAtOrBelow(ms: number): number;
}

export class LatencyWindow {
  private readonly windows: Histogram[];
  private readonly merged = histogram();
  private newest = 0;

  /** @param subWindows how many pieces the window rotates through (the oldest is dropped at each rotation). */
  constructor(subWindows: number) {
    this.windows = Array.from({ length: Math.max(1, subWindows) }, histogram);
  }

  /** Record one latency (ms); values outside the trackable range are clamped. */
  record(ms: number): void {
    const us = Math.min(3_600_000_000, Math.max(1, Math.round(ms * US_PER_MS)));
    this.windows[this.newest]!.recordValue(us);
  }

  /** Samples recorded since the last rotation. */
  newestCount(): number {
    return this.windows[this.newest]!.totalCount;
  }

  /** Drop the oldest sub-window; recording continues into a fresh one. */
  rotate(): void {
    this.newest = (this.newest + 1) % this.windows.length;
    this.windows[this.newest]!.reset();
  }

  /** Merge every sub-window (a handful of array additions; called from a timer, not per request). */
  snapshot(): LatencySnapshot {
    this.merged.reset();
    for (const window of this.windows) if (window.totalCount > 0) this.merged.add(window);
    const merged = this.merged;
    const percentileMs = (percentile: number) => (merged.totalCount === 0 ? 0 : merged.getValueAtPercentile(percentile) / US_PER_MS);
    return {
      count: merged.totalCount,
      percentileMs,
      shareAtOrBelow(ms) {
        if (merged.totalCount === 0) return 0;
        if (percentileMs(100) <= ms) return 1;
        let low = 0;
        let high = 100;
        while (high - low > 0.1) {
          const middle = (low + high) / 2;
          if (percentileMs(middle) <= ms) low = middle;
          else high = middle;
        }
        return low / 100;
      },
    };
  }
}
