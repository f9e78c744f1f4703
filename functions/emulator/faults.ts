/**
 * The emulator's fault knobs: what they are, their defaults, how they are read from `EMU_*` variables and
 * merged at run time, and the seeded random source that makes fractional rates reproducible.
 */
import { parseFlag } from '../../server/config.js';
import { ConfigError } from '../../server/errors.js';

export interface Faults {
  /** Added to every call (ms). */
  latencyMs: number;
  /** Share of calls (0–1) answered with `errorStatus` before the function runs. */
  errorRate: number;
  errorStatus: 500 | 502 | 503;
  /** Share of calls answered 429 `ResourceThrottled`. */
  throttleRate: number;
  /** Share of calls where the function "throws": `x-fc-error-type: UnhandledInvocationError`. */
  functionErrorRate: number;
  /** Share of calls that are never answered (the socket stays open until the client gives up). */
  hangRate: number;
  /** Share of calls whose socket is destroyed without an answer. */
  resetRate: number;
  /** Share of calls answered 200 with a malformed body (broken JSON / non-HTML bytes). */
  garbageRate: number;
  /** Extra delay for a call that needs a fresh instance (the first one, and one per concurrent call). */
  coldStartMs: number;
  /** Share of calls delayed by an extra `slowMs` (brownouts in benchmarks). */
  slowRate: number;
  slowMs: number;
  /** Share of answers whose headers go out at once and whose body trickles in ten pieces over `slowBodyMs`. */
  slowBodyRate: number;
  slowBodyMs: number;
  /** HTTP trigger on `*.fcapp.run` forces downloads; the gateway must strip it (docs/sources.md#fc-fcapp-run). */
  contentDisposition: boolean;
  /** Seed of the PRNG behind fractional rates; setting it restarts the sequence. */
  seed: number;
}

export const DEFAULT_FAULTS: Readonly<Faults> = Object.freeze({
  latencyMs: 0, errorRate: 0, errorStatus: 503, throttleRate: 0, functionErrorRate: 0, hangRate: 0, resetRate: 0,
  garbageRate: 0, coldStartMs: 0, slowRate: 0, slowMs: 0, slowBodyRate: 0, slowBodyMs: 0, contentDisposition: true, seed: 1,
});

type Kind = 'ms' | 'rate' | 'status' | 'flag' | 'int';
const KNOBS: Record<keyof Faults, { env: string; kind: Kind }> = {
  latencyMs: { env: 'EMU_LATENCY_MS', kind: 'ms' },
  errorRate: { env: 'EMU_ERROR_RATE', kind: 'rate' },
  errorStatus: { env: 'EMU_ERROR_STATUS', kind: 'status' },
  throttleRate: { env: 'EMU_THROTTLE_RATE', kind: 'rate' },
  functionErrorRate: { env: 'EMU_FUNCTION_ERROR_RATE', kind: 'rate' },
  hangRate: { env: 'EMU_HANG_RATE', kind: 'rate' },
  resetRate: { env: 'EMU_RESET_RATE', kind: 'rate' },
  garbageRate: { env: 'EMU_GARBAGE_RATE', kind: 'rate' },
  coldStartMs: { env: 'EMU_COLD_START_MS', kind: 'ms' },
  slowRate: { env: 'EMU_SLOW_RATE', kind: 'rate' },
  slowMs: { env: 'EMU_SLOW_MS', kind: 'ms' },
  slowBodyRate: { env: 'EMU_SLOW_BODY_RATE', kind: 'rate' },
  slowBodyMs: { env: 'EMU_SLOW_BODY_MS', kind: 'ms' },
  contentDisposition: { env: 'EMU_CONTENT_DISPOSITION', kind: 'flag' },
  seed: { env: 'EMU_SEED', kind: 'int' },
};

/** Every `EMU_*` fault variable, for the docs. */
export const FAULT_VARIABLES = Object.values(KNOBS).map((knob) => knob.env);

/** Every `EMU_*` variable the emulator reads: the fault knobs plus its process settings (main.ts). */
export const EMULATOR_VARIABLES = [...FAULT_VARIABLES, 'EMU_PORT', 'EMU_FUNCTION_NAME', 'EMU_FUNCTION_PATH', 'EMU_OVERDUE_MS'];

function coerce(name: string, kind: Kind, value: unknown): number | boolean {
  if (kind === 'flag') {
    if (typeof value === 'boolean') return value;
    return parseFlag(name, String(value));
  }
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(number) || String(value).trim() === '') throw new ConfigError(name, `must be a number, got "${String(value)}"`);
  if (kind === 'rate' && (number < 0 || number > 1)) throw new ConfigError(name, `must be between 0 and 1, got ${number}`);
  if (kind === 'status' && ![500, 502, 503].includes(number)) throw new ConfigError(name, `must be 500, 502 or 503, got ${number}`);
  if ((kind === 'ms' || kind === 'int') && (!Number.isInteger(number) || number < 0)) throw new ConfigError(name, `must be a non-negative integer, got ${number}`);
  return number;
}

/**
 * Merge a partial set of knobs (from the admin endpoint or `setFaults`) into `current`. Unknown keys and
 * invalid values throw `SSR_ERR_CONFIG` naming the knob; nothing is changed then.
 */
export function mergeFaults(current: Faults, partial: Record<string, unknown>): Faults {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(partial)) {
    const knob = KNOBS[key as keyof Faults];
    if (!knob) throw new ConfigError(key, `is not a fault knob (known: ${Object.keys(KNOBS).join(', ')})`);
    next[key] = coerce(key, knob.kind, value);
  }
  return next as unknown as Faults;
}

/** Read the `EMU_*` variables over the defaults. */
export function faultsFromEnv(env: Readonly<Record<string, string | undefined>>): Faults {
  const partial: Record<string, unknown> = {};
  for (const [key, knob] of Object.entries(KNOBS)) {
    const value = env[knob.env];
    if (value !== undefined && value.trim() !== '') partial[key] = coerce(knob.env, knob.kind, value);
  }
  return mergeFaults({ ...DEFAULT_FAULTS }, partial);
}

/**
 * A seeded coin (mulberry32): `flip(rate)` is always true at 1, always false at 0, and for a fractional
 * rate follows the same sequence for the same seed, so tests and benchmark runs are reproducible.
 */
export function createCoin(seed: number): (rate: number) => boolean {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (rate) => (rate >= 1 ? true : rate <= 0 ? false : next() < rate);
}
