/**
 * One opossum breaker per FC target. What counts as a failure is decided by the target (it throws for
 * network errors, timeouts, 5xx, 429, `x-fc-error-type` and malformed answers, and resolves for app
 * pages such as 404), so no errorFilter is needed for those. A call the client abandoned is filtered:
 * opossum has no "ignored" outcome, so it counts as a success rather than blaming FC for a closed tab.
 */
import CircuitBreaker from 'opossum';
import type { RenderResult } from '../render-contract.js';
import type { Config } from '../config.js';
import type { BreakerState } from '../gateway-metrics.js';
import { FailureStreak } from './failure-streak.js';
import type { RenderCall, RenderTarget } from './render-target.js';

export type FcBreaker = CircuitBreaker<[RenderCall], RenderResult>;

export function createFcBreaker(target: RenderTarget, options: { timeoutMs: number; breaker: Config['breaker'] }): FcBreaker {
  const breaker: FcBreaker = new CircuitBreaker((call: RenderCall) => target.render(call), {
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
  tripOnConsecutiveFailures(breaker, options.breaker.consecutiveFailures);
  return breaker;
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
  // opossum reports latency, not start time; a filtered error (the client left) arrives as a 'success'
  // carrying the error, and says nothing about FC.
  breaker.on('success', (result: unknown, latencyMs: number) => {
    if (!(result instanceof Error)) streak.success(Date.now() - latencyMs);
  });
  breaker.on('failure', (_error: unknown, latencyMs: number) => {
    if (streak.failure(Date.now() - latencyMs) && breaker.closed) breaker.open();
  });
  breaker.on('open', () => streak.clear());
  breaker.on('close', () => streak.clear());
}

export function breakerState(breaker: FcBreaker): BreakerState {
  if (breaker.opened) return 'open';
  if (breaker.halfOpen) return 'halfOpen';
  return 'closed';
}
