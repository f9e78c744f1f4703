/**
 * Every knob of the bench suite, read once from the environment (STYLE rule 15: knobs via env).
 * `BENCH_QUICK=1` shrinks every size so the whole suite runs in well under a minute.
 */
const int = (env, name, fallback) => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative number, got "${value}"`);
  return parsed;
};

/** @returns the frozen bench settings for this run. */
export function readKnobs(env = process.env, overrides = {}) {
  const quick = ['1', 'true', 'yes'].includes(String(env.BENCH_QUICK ?? '').toLowerCase());
  const knobs = {
    quick,
    /** Seconds of load per repetition of a throughput run. */
    durationS: int(env, 'BENCH_DURATION', quick ? 2 : 6),
    /** Concurrent connections (same for ours and the baseline). */
    connections: int(env, 'BENCH_CONNECTIONS', quick ? 8 : 20),
    /** Repetitions per scenario; the report shows median, min and max. */
    reps: int(env, 'BENCH_REPS', 3),
    /** Warm-up seconds before the measured repetitions of each target. */
    warmupS: int(env, 'BENCH_WARMUP', quick ? 1 : 2),
    /** The page every scenario requests. */
    page: env.BENCH_PAGE || '/products/1001',
    /** Gateway FC_TIMEOUT_MS; nginx proxy_{connect,send,read}_timeout use the same value. */
    fcTimeoutMs: int(env, 'BENCH_FC_TIMEOUT_MS', 1000),
    /** nginx `fail_timeout` (seconds) — config A uses 10 s. */
    failTimeoutS: int(env, 'BENCH_FAIL_TIMEOUT_S', quick ? 2 : 10),
    /** Gateway BREAKER_RESET_MS; like for like with nginx fail_timeout by default. */
    breakerResetMs: int(env, 'BENCH_BREAKER_RESET_MS', int(env, 'BENCH_FAIL_TIMEOUT_S', quick ? 2 : 10) * 1000),
    /** Scenario 3: seconds FC hangs under load. */
    hangS: int(env, 'BENCH_HANG_S', quick ? 3 : 30),
    /** Scenario 4: share of FC calls that are slow, and how slow. */
    brownoutRate: int(env, 'BENCH_BROWNOUT_RATE', 0.3),
    brownoutMs: int(env, 'BENCH_BROWNOUT_MS', 2000),
    /** Scenario 4: HEDGE_MS of the hedging gateway. */
    hedgeMs: int(env, 'BENCH_HEDGE_MS', 150),
    /** Scenario 5: longest wait for recovery, and the FC share that counts as recovered. */
    recoveryMaxS: int(env, 'BENCH_RECOVERY_MAX_S', 0),
    recoveryShare: int(env, 'BENCH_RECOVERY_SHARE', 0.95),
    /** Scenario 5: seconds FC fails (HTTP 500) before it recovers. */
    outageS: int(env, 'BENCH_OUTAGE_S', quick ? 1 : 3),
    /** Scenario 6: fresh processes for cold import + first render. */
    coldRuns: int(env, 'BENCH_COLD_RUNS', quick ? 3 : 10),
    /** Scenario 7: request counts after which gateway RSS is read. */
    memoryCheckpoints: String(env.BENCH_MEMORY_REQUESTS || (quick ? '2000,10000' : '10000,100000'))
      .split(',').map((n) => Number(n.trim())).filter((n) => n > 0),
    /** Scenario 8: open-loop arrivals per second at the new pod, and the length of each window (first / settle / steady). */
    newPodRate: int(env, 'BENCH_NEW_POD_RATE', quick ? 40 : 100),
    newPodS: int(env, 'BENCH_NEW_POD_S', quick ? 2 : 10),
    /** Scenario 12: seconds region A hangs under load. */
    failoverS: int(env, 'BENCH_FAILOVER_S', quick ? 4 : 20),
    /** Scenario 12: the gateway's active health check of each region (nginx has passive checks only). */
    healthCheck: {
      intervalMs: int(env, 'BENCH_HC_INTERVAL_MS', quick ? 1000 : 2000),
      timeoutMs: int(env, 'BENCH_HC_TIMEOUT_MS', 500),
      unhealthyThreshold: int(env, 'BENCH_HC_UNHEALTHY', 2),
      healthyThreshold: int(env, 'BENCH_HC_HEALTHY', 2),
    },
    /** Comma list of scenario ids to run (default: all). */
    only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    /** Where results go. */
    outDir: env.BENCH_OUT_DIR || undefined,
    ...overrides,
  };
  if (!knobs.recoveryMaxS) knobs.recoveryMaxS = Math.max(knobs.failTimeoutS, knobs.breakerResetMs / 1000) * 2 + 5;
  if (knobs.reps < 1) knobs.reps = 1;
  return Object.freeze(knobs);
}
