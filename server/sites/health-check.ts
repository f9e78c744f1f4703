/**
 * An active health checker for ONE target, with Envoy's semantics and names (docs/sources.md#envoy-health-checks,
 * https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/core/v3/health_check.proto): a probe every
 * `intervalMs` (moved at random by ± `jitter` of it), a probe slower than `timeoutMs` is aborted and failed,
 * `unhealthyThreshold` failures in a row mark the target unhealthy and `healthyThreshold` passes in a row
 * mark it healthy again. One checker per target per pod, never per request.
 *
 * Deliberate choices (docs/gateway.md "Active health checks"):
 * - **Initial state: healthy.** Envoy marks a new host as failing its active check until the first probe
 *   passes (and lets one pass suffice during start-up). Here a target's breaker already guards every call
 *   and a failed call falls through to the next target or the fallback, so starting healthy costs at most
 *   the failed calls a breaker needs to open, while starting unhealthy would send every page of a new pod
 *   (and every pod after a reload) to the fallback until a probe came back. The first probe runs at once
 *   (after a random share of `jitter`, Envoy's `initial_jitter`), so a dead region is found within
 *   `unhealthyThreshold` probes.
 * - **Jitter is symmetric** (interval ± jitter · interval), where Envoy's `interval_jitter_percent` only adds:
 *   the mean stays `intervalMs`, so the probe count — and the bill of an FC target — is what the README says.
 * - **The next wait starts when a probe ends** (as in Envoy), so probes of a slow target never overlap; a
 *   probe that ignores its abort and is still running when the next is due is failed again without starting a
 *   second one: at most one probe is ever in flight.
 */
import { classifyFailure } from '../offload/classify-failure.js';
import { ConfigError, type FailureReason } from '../errors.js';
import type { HealthCheckConfig } from './site-config.js';

/** The timers the checker uses; tests pass a fake one. Handles are opaque. */
export interface HealthCheckClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What a transition carries: why, and the streaks at that moment. */
export interface HealthChangeDetail {
  /** A FailureReason (`FC_TIMEOUT`, `FC_5XX`, …) when turning unhealthy; `PASSING` when turning healthy. */
  readonly reason: FailureReason | 'PASSING';
  /** Failed probes in a row. */
  readonly failures: number;
  /** Passed probes in a row. */
  readonly passes: number;
}

export interface HealthCheckOptions {
  /** One probe of the target: resolves = pass, rejects = fail. Must stop work when `signal` aborts. */
  probe: (signal: AbortSignal) => Promise<void>;
  config: HealthCheckConfig;
  /** Default: the real timers, unref'd (a checker never keeps a process alive), and `performance.now`. */
  clock?: HealthCheckClock;
  /** Uniform in [0, 1); default Math.random. */
  random?: () => number;
  /** Told on every transition (never for the initial healthy state). A throwing listener is ignored. */
  onChange?: (healthy: boolean, detail: HealthChangeDetail) => void;
}

/** A snapshot for the status page, logs and tests. */
export interface HealthCheckState {
  readonly healthy: boolean;
  /** start() called and stop() not since. */
  readonly running: boolean;
  /** A probe is running now. */
  readonly probing: boolean;
  /** Failed / passed probes in a row (one of them is always 0). */
  readonly failures: number;
  readonly passes: number;
  /** Probes finished since start (passes + failures). */
  readonly probes: number;
  /** When the last probe finished (clock ms), and what it was. */
  readonly lastProbeAt: number | undefined;
  readonly lastResult: 'pass' | 'fail' | undefined;
  /** FailureReason and message of the last failed probe. */
  readonly lastFailure: { readonly reason: FailureReason; readonly message: string } | undefined;
  /** When `healthy` last changed (clock ms); undefined = never since creation. */
  readonly changedAt: number | undefined;
}

export interface HealthCheck {
  /** The target may take pages (true until `unhealthyThreshold` probes in a row failed). */
  healthy(): boolean;
  /** Begin probing; calling it again while running does nothing. A stopped checker may start again. */
  start(): void;
  /** Cancel the pending wait and abort the probe in flight; its late result is ignored. */
  stop(): void;
  state(): HealthCheckState;
}

/** Real timers, unref'd; `performance.now` is monotonic (a wall-clock step never skews a wait). */
const REAL_CLOCK: HealthCheckClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** @throws ConfigError naming the field when the config cannot drive a checker (the sites schema stops these first). */
export function assertHealthCheckConfig(config: HealthCheckConfig): void {
  const positive = (name: keyof HealthCheckConfig) => {
    const value = config[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new ConfigError(`healthCheck.${name}`, `must be a positive integer, got ${String(value)}`);
  };
  positive('intervalMs');
  positive('timeoutMs');
  positive('unhealthyThreshold');
  positive('healthyThreshold');
  if (typeof config.jitter !== 'number' || !(config.jitter >= 0 && config.jitter <= 1)) throw new ConfigError('healthCheck.jitter', `must be a share between 0 and 1, got ${String(config.jitter)}`);
}

/**
 * The wait before the next probe: `intervalMs` moved by up to ± `jitter` of it, never below 1 ms.
 * @example
 * nextWait({ intervalMs: 10_000, jitter: 0.1 }, () => 0.5); // 10000 (random 0 → 9000 ms, → 1 → 11000 ms)
 */
export function nextWait(config: Pick<HealthCheckConfig, 'intervalMs' | 'jitter'>, random: () => number): number {
  const offset = config.intervalMs * config.jitter * (2 * random() - 1);
  return Math.max(1, Math.round(config.intervalMs + offset));
}

/**
 * @example
 * const check = createHealthCheck({ probe: createTargetProbe(target, site.healthCheck), config: site.healthCheck,
 *   onChange: (healthy, { reason }) => log.warn({ target: target.name, healthy, reason }, 'target health changed') });
 * check.start();
 * if (check.healthy()) … // eligible for pages
 */
export function createHealthCheck(options: HealthCheckOptions): HealthCheck {
  const { probe, config, clock = REAL_CLOCK, random = Math.random, onChange } = options;
  assertHealthCheckConfig(config);

  let healthy = true;
  let running = false;
  let failures = 0;
  let passes = 0;
  let probes = 0;
  let lastProbeAt: number | undefined;
  let lastResult: 'pass' | 'fail' | undefined;
  let lastFailure: { reason: FailureReason; message: string } | undefined;
  let changedAt: number | undefined;
  /** Bumped by stop(): results and timers of an older run are ignored. */
  let generation = 0;
  let waitTimer: unknown;
  /** The probe in flight: its controller and deadline timer, and whether its promise has settled. */
  let inFlight: { controller: AbortController; timer: unknown; settled: boolean } | undefined;

  function change(next: boolean, reason: HealthChangeDetail['reason']): void {
    healthy = next;
    changedAt = clock.now();
    try {
      onChange?.(next, { reason, failures, passes });
    } catch {
      // A listener's bug must not stop the checker (its timers would never be armed again).
    }
  }

  function record(result: 'pass' | 'fail', error?: unknown): void {
    probes += 1;
    lastProbeAt = clock.now();
    lastResult = result;
    if (result === 'pass') {
      passes += 1;
      failures = 0;
      if (!healthy && passes >= config.healthyThreshold) change(true, 'PASSING');
      return;
    }
    failures += 1;
    passes = 0;
    const reason = classifyFailure(error);
    lastFailure = { reason, message: error instanceof Error ? error.message : String(error) };
    if (healthy && failures >= config.unhealthyThreshold) change(false, reason);
  }

  function schedule(ms: number, run: number): void {
    waitTimer = clock.setTimeout(() => {
      waitTimer = undefined;
      if (run === generation) runProbe(run);
    }, ms);
  }

  function runProbe(run: number): void {
    if (inFlight && !inFlight.settled) {
      // The last probe ignored its abort and still runs: never a second one beside it.
      record('fail', new Error('the previous probe is still running past its timeout'));
      schedule(nextWait(config, random), run);
      return;
    }
    const controller = new AbortController();
    const attempt: { controller: AbortController; timer: unknown; settled: boolean } = { controller, timer: undefined, settled: false };
    inFlight = attempt;
    let counted = false;
    const finish = (result: 'pass' | 'fail', error?: unknown) => {
      if (counted) return;
      counted = true;
      clock.clearTimeout(attempt.timer);
      if (run !== generation) return;
      record(result, error);
      schedule(nextWait(config, random), run);
    };
    // The deadline is this checker's own timer (never AbortSignal.timeout, which a GC can collect:
    // server/call-deadline.ts); the probe sees it as an abort with a TimeoutError.
    attempt.timer = clock.setTimeout(() => {
      const error = new DOMException(`health probe took longer than ${config.timeoutMs} ms`, 'TimeoutError');
      controller.abort(error);
      finish('fail', error);
    }, config.timeoutMs);
    let pending: Promise<void>;
    try {
      pending = Promise.resolve(probe(controller.signal));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      () => finish('pass'),
      (error: unknown) => finish('fail', error),
    ).finally(() => {
      attempt.settled = true;
      if (inFlight === attempt) inFlight = undefined;
    });
  }

  return {
    healthy: () => healthy,
    start() {
      if (running) return;
      running = true;
      // Envoy's initial_jitter: pods started together do not probe in step from the first probe on.
      schedule(Math.floor(config.intervalMs * config.jitter * random()), generation);
    },
    stop() {
      if (!running) return;
      running = false;
      generation += 1;
      clock.clearTimeout(waitTimer);
      waitTimer = undefined;
      if (inFlight) clock.clearTimeout(inFlight.timer);
      inFlight?.controller.abort(new DOMException('the health check was stopped', 'AbortError'));
    },
    state: () => ({
      healthy, running, probing: inFlight !== undefined && !inFlight.settled, failures, passes, probes,
      lastProbeAt, lastResult, lastFailure, changedAt,
    }),
  };
}
