/**
 * One opossum breaker per FC target. What counts as a failure is decided by the target (it throws for
 * network errors, timeouts, 5xx, 429, `x-fc-error-type` and malformed answers, and resolves for app
 * pages such as 404), so no errorFilter is needed for those. A call the client abandoned is filtered:
 * opossum has no "ignored" outcome, so it counts as a success rather than blaming FC for a closed tab.
 *
 * Besides opossum's error percentage, two rules open it: N failures in a row (by start time) and a slow-call
 * share (resilience4j's `slowCallRateThreshold`); a half-open trial must be fast as well as successful. Each
 * opening records its reason from the one FailureReason set.
 */
import type CircuitBreaker from 'opossum';
import { requireOnUse } from '../require-on-use.js';
import type { RenderResult } from '../render-contract.js';
import type { Config } from '../config.js';
import { UpstreamFailureError, type FailureReason } from '../errors.js';
import type { BreakerState } from '../gateway-metrics.js';
import { classifyFailure } from './classify-failure.js';
import { FailureStreak } from './failure-streak.js';
import type { RenderCall, RenderTarget } from './render-target.js';
import { SlowCallWindow } from './slow-call-window.js';

export interface FcBreakerExtras {
  /** Why the breaker last opened (undefined before it ever opened). */
  openReason: FailureReason | undefined;
  /** Share (0–1) of the window's calls slower than BREAKER_SLOW_CALL_MS. */
  slowCallShare(): number;
}

export type FcBreaker = CircuitBreaker<[RenderCall], RenderResult> & FcBreakerExtras;

export function createFcBreaker(target: RenderTarget, options: { timeoutMs: number; breaker: Config['breaker'] }): FcBreaker {
  const { slowCallMs } = options.breaker;
  // A half-open trial must also be fast: a slow success would close the breaker onto an FC that is up but
  // useless, so it is turned into a failure (opossum then re-opens). The page itself then comes from the fallback.
  const action = async (call: RenderCall): Promise<RenderResult> => {
    const trial = breaker.halfOpen;
    const started = performance.now();
    const result = await target.render(call);
    const tookMs = performance.now() - started;
    if (trial && tookMs > slowCallMs) {
      throw new UpstreamFailureError('FC_SLOW', `half-open trial took ${Math.round(tookMs)} ms (BREAKER_SLOW_CALL_MS ${slowCallMs})`);
    }
    return result;
  };
  // Required on first use (server/require-on-use.ts): a local-only gateway builds no breaker.
  const Breaker = requireOnUse<typeof CircuitBreaker>('opossum');
  const opossum = new Breaker(action, {
    name: target.name,
    // The target's own AbortSignal deadline is precise; this is a backstop in case a target misbehaves.
    timeout: options.timeoutMs + 500,
    errorThresholdPercentage: options.breaker.errorThresholdPercentage,
    volumeThreshold: options.breaker.volumeThreshold,
    resetTimeout: options.breaker.resetTimeoutMs,
    rollingCountTimeout: options.breaker.rollingWindowMs,
    rollingCountBuckets: 10,
    // Percentiles sort every latency in the window inside fail(): 19 ms of blocked loop per failure at
    // volume (docs/sources.md#opossum). Snapshots add a second timer nobody reads.
    rollingPercentilesEnabled: false,
    enableSnapshots: false,
    // opossum calls errorFilter(err, ...fireArgs); @types/opossum only declares the first parameter.
    errorFilter: ((_error: unknown, call: RenderCall) => call.signal.aborted) as (error: unknown) => boolean,
  });
  const slowCalls = new SlowCallWindow(options.breaker.rollingWindowMs);
  const extras: FcBreakerExtras = {
    openReason: undefined,
    slowCallShare: () => {
      const { calls, slow } = slowCalls.totals();
      return calls === 0 ? 0 : slow / calls;
    },
  };
  const breaker = Object.assign(opossum, extras) as FcBreaker;

  // opossum reports latency, not start time; a filtered error (the client left) arrives as a 'success'
  // carrying the error, and says nothing about FC. The failure listener runs before opossum's own threshold
  // check, so the reason is known when that opens the breaker.
  breaker.on('success', (result: unknown, latencyMs: number) => {
    if (!(result instanceof Error)) judgeSpeed(latencyMs);
  });
  breaker.on('failure', (error: unknown, latencyMs: number) => {
    breaker.openReason = breaker.closed || breaker.halfOpen ? classifyFailure(error) : breaker.openReason;
    judgeSpeed(latencyMs);
  });
  breaker.on('open', () => slowCalls.clear());
  tripOnConsecutiveFailures(breaker, options.breaker.consecutiveFailures);

  /**
   * resilience4j's slow-call rule: more than BREAKER_SLOW_CALL_PERCENT % of at least BREAKER_SLOW_CALL_VOLUME
   * calls in the window took longer than BREAKER_SLOW_CALL_MS (answered or not): FC is up but too slow to be
   * worth a hedge plus a wasted call per page.
   */
  function judgeSpeed(latencyMs: number): void {
    slowCalls.record(latencyMs > slowCallMs);
    if (!breaker.closed || options.breaker.slowCallPercent >= 100) return;
    const { calls, slow } = slowCalls.totals();
    if (calls >= options.breaker.slowCallVolume && slow * 100 > options.breaker.slowCallPercent * calls) openFor(breaker, 'FC_SLOW');
  }
  return breaker;
}

function openFor(breaker: FcBreaker, reason: FailureReason): void {
  breaker.openReason = reason;
  breaker.open();
}

/**
 * A percentage over a rolling window reacts slowly when FC hangs right after a healthy period: thousands
 * of successes stay in the window while each hung call takes FC_TIMEOUT_MS, so every request pays the
 * timeout until the successes roll out (measured in bench scenario 3). N failures in a row open the
 * breaker at once, like Envoy's `consecutive_5xx` outlier detection, with "in a row" ordered by start
 * time so that a brownout's burst of timeouts does not look like an outage (see FailureStreak).
 */
function tripOnConsecutiveFailures(breaker: FcBreaker, limit: number): void {
  if (limit <= 0) return;
  const streak = new FailureStreak(limit);
  breaker.on('success', (result: unknown, latencyMs: number) => {
    if (!(result instanceof Error)) streak.success(Date.now() - latencyMs);
  });
  breaker.on('failure', (error: unknown, latencyMs: number) => {
    if (streak.failure(Date.now() - latencyMs) && breaker.closed) openFor(breaker, classifyFailure(error));
  });
  breaker.on('open', () => streak.clear());
  breaker.on('close', () => streak.clear());
}

export function breakerState(breaker: FcBreaker): BreakerState {
  if (breaker.opened) return 'open';
  if (breaker.halfOpen) return 'halfOpen';
  return 'closed';
}
