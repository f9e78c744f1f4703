/**
 * The soak's knobs (`npm run soak`), read once from the environment. `BENCH_QUICK=1` makes a one-minute
 * run with 5 s phases (results to bench/results/tmp/).
 */
const number = (env, name, fallback) => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative number, got "${value}"`);
  return parsed;
};

const flag = (env, name, fallback) => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
};

/** @returns the frozen soak settings. */
export function readSoakKnobs(env = process.env, overrides = {}) {
  const quick = ['1', 'true', 'yes'].includes(String(env.BENCH_QUICK ?? '').toLowerCase());
  const phaseS = number(env, 'SOAK_PHASE_S', quick ? 5 : 20);
  const knobs = {
    quick,
    /** Seconds of fault phases (the rolling update and drain come after). */
    durationS: number(env, 'SOAK_DURATION_S', quick ? 60 : 600),
    /** Seconds per phase: faults change this often. */
    phaseS,
    /** Arrivals per second; 0 = a quarter of the local-only capacity measured at the start (20–200). */
    rate: number(env, 'SOAK_RATE', 0),
    /** Seconds of closed-loop load on a local-only gateway to measure that capacity. */
    calibrateS: number(env, 'SOAK_CALIBRATE_S', quick ? 2 : 4),
    /** Sockets the load generator opens at most per gateway (requests beyond wait in the client, latency counted from when they were due). */
    connections: number(env, 'SOAK_CONNECTIONS', 256),
    /** A request not answered by then counts as failed (TIMEOUT). */
    clientTimeoutMs: number(env, 'SOAK_CLIENT_TIMEOUT_MS', 10_000),
    /** The gateways' FC_TIMEOUT_MS. */
    fcTimeoutMs: number(env, 'SOAK_FC_TIMEOUT_MS', 1000),
    /** An FC call open longer than FC_TIMEOUT_MS + this (seen by the emulator) is "open past its deadline". */
    deadlineMarginMs: number(env, 'SOAK_DEADLINE_MARGIN_MS', 1000),
    /** Seconds the emulator stays dead after its SIGKILL before it is restarted on the same port. */
    killDownS: number(env, 'SOAK_KILL_DOWN_S', phaseS / 2),
    /** After SIGTERM, the load keeps going to the old pod this long (endpoint removal is not instant in Kubernetes). */
    lbLagMs: number(env, 'SOAK_LB_LAG_MS', 1000),
    /** Seconds of "new pod" measured from the moment the load moves to it. */
    newPodS: number(env, 'SOAK_NEW_POD_S', 10),
    /** Seconds between RSS samples. */
    sampleS: number(env, 'SOAK_SAMPLE_S', quick ? 1 : 5),
    /** A query parameter unique per request, so no render cache can answer (every request reaches a renderer). */
    uniqueUrls: flag(env, 'SOAK_UNIQUE_URLS', true),
    /** MB for the gateway's byte-bounded page store (CACHE_MB / STALE_CACHE_MB), so it is full within the first minute; `default` = the shipped default. */
    cacheMb: env.SOAK_CACHE_MB === 'default' ? undefined : number(env, 'SOAK_CACHE_MB', 8),
    /** The gateways' SHUTDOWN_DELAY_MS / SHUTDOWN_GRACE_MS; unset = what k8s/base/kustomization.yaml deploys. */
    shutdownDelayMs: env.SOAK_SHUTDOWN_DELAY_MS ? number(env, 'SOAK_SHUTDOWN_DELAY_MS', 0) : undefined,
    shutdownGraceMs: env.SOAK_SHUTDOWN_GRACE_MS ? number(env, 'SOAK_SHUTDOWN_GRACE_MS', 0) : undefined,
    /** Comma list of fault names (bench/lib/soak-phases.mjs) to run instead of the full list, in order. */
    faults: env.SOAK_FAULTS ? env.SOAK_FAULTS.split(',').map((name) => name.trim()).filter(Boolean) : undefined,
    /** Where results go (default bench/results, bench/results/tmp with BENCH_QUICK). */
    outDir: env.BENCH_OUT_DIR || undefined,
    ...overrides,
  };
  if (knobs.phaseS <= 0) throw new Error('SOAK_PHASE_S must be > 0');
  if (knobs.durationS < knobs.phaseS) throw new Error(`SOAK_DURATION_S (${knobs.durationS}) must be at least one phase (SOAK_PHASE_S ${knobs.phaseS})`);
  return Object.freeze(knobs);
}
