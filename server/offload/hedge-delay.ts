/**
 * How long fc-first waits for FC before it starts a hedged local render. The hot path reads a number; a timer
 * recomputes it from FC's recent successful latencies (Finagle `BackupRequestFilter` style).
 *
 * Rule: **delay = 3 × the window's median FC success latency**, once the window holds at least MIN_SAMPLES
 * successes (until then, and when hedging is fixed, the configured delay). Why not a percentile such as p95
 * (Finagle's `1 − maxExtraLoad`, "The Tail at Scale")? A brownout makes FC bimodal: with 30 % of calls slow, p95
 * sits inside the slow mode and stops hedging exactly the calls that need it, and a percentile that leaves the
 * budget's share hedged is wrong in the same way. The median stays in the fast mode while fewer than half the
 * calls are slow, so the delay hedges the whole slow share from the first moment of a brownout; past half, the
 * breaker's slow-call rule takes over (BREAKER_SLOW_CALL_PERCENT, 50 by default). On a healthy FC, 3 × p50 lies
 * beyond the queueing tail (the bench's healthy FC has p99 ≈ 2.2 × p50), so hedges are rare — each one costs a
 * full local render, far more than proxying a page — and the hedge budget caps the rest.
 * The reasoning and the numbers per bench scenario are in docs/gateway.md.
 */
import { EventEmitter } from 'node:events';
import type { Config } from '../config.js';
import { LatencyWindow } from './latency-window.js';

/** Multiple of the median after which an FC call counts as an outlier worth hedging. */
export const MEDIAN_MULTIPLE = 3;
/** Successes the window must hold before its median is trusted. */
export const MIN_SAMPLES = 50;
/** The window rotates through this many sub-windows; the delay is recomputed at each rotation. */
const SUB_WINDOWS = 5;

export interface HedgeDelay extends EventEmitter<{ update: [delayMs: number] }> {
  readonly mode: Config['hedge']['mode'];
  /** Current delay in ms; 0 = do not hedge. */
  delayMs(): number;
  /** True once the adaptive delay comes from the window rather than the fallback. */
  learned(): boolean;
  /** One successful FC call took `ms`. */
  record(ms: number): void;
  /** Recompute now (the timer calls this; tests with a fake clock too). */
  refresh(): void;
  stop(): void;
}

export interface HedgeDelayOptions {
  hedge: Config['hedge'];
  timeoutMs: number;
  /** Start the refresh timer (default true; tests drive `refresh()` themselves). */
  timer?: boolean;
}

export function createHedgeDelay({ hedge, timeoutMs, timer = true }: HedgeDelayOptions): HedgeDelay {
  const emitter = new EventEmitter<{ update: [delayMs: number] }>();
  let current = hedge.mode === 'off' ? 0 : hedge.delayMs;
  let learned = false;
  const window = hedge.mode === 'adaptive' ? new LatencyWindow(SUB_WINDOWS) : undefined;

  function refresh(): void {
    if (!window) return;
    const snapshot = window.snapshot();
    learned = snapshot.count >= MIN_SAMPLES;
    // Never at or past the deadline: FC would already have failed over to the local render by then.
    const next = learned ? Math.min(timeoutMs - 1, Math.max(1, Math.round(MEDIAN_MULTIPLE * snapshot.percentileMs(50)))) : hedge.delayMs;
    window.rotate();
    current = next;
    emitter.emit('update', next);
  }

  const interval = window && timer ? setInterval(refresh, Math.max(1, Math.floor(hedge.windowMs / SUB_WINDOWS))) : undefined;
  interval?.unref();

  return Object.assign(emitter, {
    mode: hedge.mode,
    delayMs: () => current,
    learned: () => learned,
    record: window ? (ms: number) => window.record(ms) : () => undefined,
    refresh,
    stop: () => clearInterval(interval),
  });
}
