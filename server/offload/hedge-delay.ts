/**
 * How long fc-first waits for FC before it starts a hedged local render. The hot path reads a number; a timer
 * recomputes it from FC's recent successful latencies (Finagle `BackupRequestFilter` style).
 *
 * Rule, once the window holds at least MIN_SAMPLES successes (until then the configured delay, or after a quiet
 * spell the last learned one, see below; a fixed HEDGE_MS is used as it is):
 *
 *   delay = max(3 × p50, the (1 − HEDGE_MAX_EXTRA_LOAD / 2) quantile of the calls in FC's fast mode)
 *
 * where the fast mode is the successes no slower than MODE_GAP × p50. Why not Finagle's plain percentile
 * `1 − maxExtraLoad` ("The Tail at Scale" hedges at p95)? A brownout makes FC bimodal: with 30 % of calls slow
 * and still answering, p95 sits inside the slow mode and stops hedging exactly the calls that need it. The
 * median stays in the fast mode while fewer than half the calls are slow (past half, the breaker's slow-call
 * rule takes over), so the slow mode is cut off at a multiple of it, and the Finagle percentile is taken of
 * what is left: the fast calls' own tail is hedged within half the budget's share (BUDGET_AIM).
 * Why not 3 × p50 alone (this module's first rule)? When the pod is busy rendering the slow share locally, the fast calls' spread
 * grows (bench scenario 11: p50 34 ms but p95 ≈ 150 ms), 3 × p50 hedged fast calls that FC then answered
 * anyway, and those wasted hedges drained the budget that the slow share needed. On a healthy FC, 3 × p50 lies
 * beyond the tail (the bench's healthy FC has p99 ≈ 2.2 × p50), so hedges are rare — each one costs a full
 * local render, far more than proxying a page — and the hedge budget caps the rest.
 *
 * After a quiet spell the window empties, and the first sub-windows to refill it describe the ramp back up:
 * a pod that is not yet busy rendering FC's slow share, fast calls at their quickest. A delay learned from them
 * (bench scenario 4: 56–93 ms, against 170–220 ms under the same load a few seconds later) hedges the fast calls
 * of the loaded seconds that follow, FC answers them anyway, and the budget runs dry exactly when the slow share
 * needs it. So until traffic has filled every sub-window again (a whole HEDGE_WINDOW_MS without a quiet
 * sub-window), the delay does not fall below the last one learned from such a full window; it may rise at
 * once (a slower FC is seen at once). If FC did get faster meanwhile, the cost is later, rarer hedges until a
 * full window of traffic has shown it; bursts shorter than the window keep that floor.
 * The reasoning and the numbers per bench scenario are in docs/gateway.md.
 */
import { EventEmitter } from 'node:events';
import type { Config } from '../config.js';
import { LatencyWindow, type LatencySnapshot } from './latency-window.js';

/** Multiple of the median after which an FC call counts as an outlier worth hedging. */
export const MEDIAN_MULTIPLE = 3;
/** Successes slower than this multiple of the median belong to a slow mode (a brownout): hedging exists for them. */
export const MODE_GAP = 10;
/**
 * The delay aims the fast calls' wasted hedges at this share of the budget: the window describes the last
 * HEDGE_WINDOW_MS, and when load rises the fast calls slow down before the next refresh; at the full budget
 * that drift alone emptied it (bench scenario 11: 13–108 budget refusals per 18 s of brownout, each a page that
 * waited out FC_TIMEOUT_MS), at half of it the other half absorbs the drift.
 */
export const BUDGET_AIM = 0.5;
/** Successes the window must hold before its median is trusted. */
export const MIN_SAMPLES = 50;
/** The window rotates through this many sub-windows; the delay is recomputed at each rotation. */
const SUB_WINDOWS = 5;

export interface HedgeDelay extends EventEmitter<{ update: [delayMs: number] }> {
  readonly mode: Config['hedge']['mode'];
  /** Current delay in ms; 0 = do not hedge. */
  delayMs(): number;
  /**
   * When a call refused a hedge by the spent budget may still get one, in ms (0 = never): the slowest call of
   * FC's fast mode. A call still unanswered then is almost surely in the slow mode, whose calls either fail
   * (the local render would run anyway: no extra load) or answer late. See HedgeBudget.allowsLate.
   */
  lateDelayMs(): number;
  /**
   * True while the adaptive delay comes from FC's latencies (the window, or the floor kept after a quiet spell)
   * rather than the fallback: FC answered before, within a known time.
   */
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

interface Learned {
  delayMs: number;
  lateMs: number;
}

/** The rule in the header, over one snapshot of the window; `lateMs` is the fast mode's slowest call. */
function learnedDelays(snapshot: LatencySnapshot, maxExtraLoad: number, timeoutMs: number): Learned {
  const medianMs = snapshot.percentileMs(50);
  const fastShare = snapshot.shareAtOrBelow(MODE_GAP * medianMs);
  const fastTailMs = snapshot.percentileMs(100 * fastShare * (1 - BUDGET_AIM * maxExtraLoad));
  // Never at or past the deadline: FC would already have failed over to the local render by then.
  const clamp = (ms: number) => Math.min(timeoutMs - 1, Math.max(1, Math.round(ms)));
  const delayMs = clamp(Math.max(MEDIAN_MULTIPLE * medianMs, fastTailMs));
  return { delayMs, lateMs: Math.max(delayMs, clamp(snapshot.percentileMs(100 * fastShare))) };
}

export function createHedgeDelay({ hedge, timeoutMs, timer = true }: HedgeDelayOptions): HedgeDelay {
  const emitter = new EventEmitter<{ update: [delayMs: number] }>();
  let current = hedge.mode === 'off' ? 0 : hedge.delayMs;
  let late = 0;
  let learned = false;
  /** Sub-windows in a row that saw traffic (their share of MIN_SAMPLES); SUB_WINDOWS of them = a full window. */
  let busyStreak = 0;
  /** The delays last learned from a window that traffic had filled (see the header). */
  let held: Learned | undefined;
  const window = hedge.mode === 'adaptive' ? new LatencyWindow(SUB_WINDOWS) : undefined;

  function refresh(): void {
    if (!window) return;
    const snapshot = window.snapshot();
    learned = snapshot.count >= MIN_SAMPLES;
    // A quiet sub-window breaks the streak: a window still "learned" from older traffic is draining, not full.
    busyStreak = window.newestCount() * SUB_WINDOWS >= MIN_SAMPLES ? busyStreak + 1 : 0;
    const fromWindow = learned ? learnedDelays(snapshot, hedge.maxExtraLoad, timeoutMs) : undefined;
    let next: Learned | undefined;
    if (fromWindow && busyStreak >= SUB_WINDOWS) next = held = fromWindow;
    else if (held) next = { delayMs: Math.max(held.delayMs, fromWindow?.delayMs ?? 0), lateMs: Math.max(held.lateMs, fromWindow?.lateMs ?? 0) };
    else next = fromWindow;
    window.rotate();
    current = next?.delayMs ?? hedge.delayMs;
    late = next?.lateMs ?? 0;
    emitter.emit('update', current);
  }

  const interval = window && timer ? setInterval(refresh, Math.max(1, Math.floor(hedge.windowMs / SUB_WINDOWS))) : undefined;
  interval?.unref();

  return Object.assign(emitter, {
    mode: hedge.mode,
    delayMs: () => current,
    lateDelayMs: () => late,
    learned: () => learned || held !== undefined,
    record: window ? (ms: number) => window.record(ms) : () => undefined,
    refresh,
    stop: () => clearInterval(interval),
  });
}
