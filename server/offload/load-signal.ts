/**
 * Is this pod saturated? Two signals: in-flight local renders (instant: a render is CPU work on this
 * event loop) and event-loop delay (catches every other kind of overload, lags one sample). local-first
 * spills to FC and hedging is refused while either is over its limit.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoadSignal {
  /** True when a new local render would overload the pod: every slot busy, or the event loop lagging. */
  saturated(): boolean;
  /** True when the event loop lags more than LOCAL_MAX_EVENT_LOOP_DELAY_MS. */
  lagging(): boolean;
  /** Mean event-loop delay over the last sample, in ms (resolution subtracted). */
  eventLoopDelayMs(): number;
  stop(): void;
}

export interface LoadSignalOptions {
  localInflight: () => number;
  maxInflight: number;
  maxEventLoopDelayMs: number;
  /** How often the event-loop delay is sampled (under-pressure uses the same approach). */
  sampleMs?: number;
}

const RESOLUTION_MS = 10;

export function createLoadSignal(options: LoadSignalOptions): LoadSignal {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let delayMs = 0;
  const timer = setInterval(() => {
    // The histogram measures how late the resolution timer fired; subtract the timer period itself.
    delayMs = Math.max(0, histogram.mean / 1e6 - RESOLUTION_MS);
    if (Number.isNaN(delayMs)) delayMs = 0;
    histogram.reset();
  }, options.sampleMs ?? 100);
  timer.unref();
  return {
    saturated: () => options.localInflight() >= options.maxInflight || delayMs > options.maxEventLoopDelayMs,
    lagging: () => delayMs > options.maxEventLoopDelayMs,
    eventLoopDelayMs: () => delayMs,
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
