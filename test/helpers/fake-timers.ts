/**
 * Timers a test moves by hand (the health checker's `clock`): `advance(ms)` fires every timer due by then
 * in order, letting promise callbacks run after each, so probes settle without any real wait.
 */
export interface FakeTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Move the clock forward, firing what falls due (and what those timers arm, if due too). */
  advance(ms: number): Promise<void>;
  /** Delays (ms) of the timers armed so far, in order. */
  readonly armed: number[];
  /** Timers armed and neither fired nor cleared. */
  pending(): number;
}

/** Let queued promise callbacks (and their follow-ups) run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createFakeTimers(start = 0): FakeTimers {
  let current = start;
  let nextId = 1;
  const timers = new Map<number, { due: number; fn: () => void }>();
  const armed: number[] = [];
  return {
    now: () => current,
    setTimeout(fn, ms) {
      const id = nextId++;
      armed.push(ms);
      timers.set(id, { due: current + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const target = current + ms;
      await settle();
      for (;;) {
        let first: [number, { due: number; fn: () => void }] | undefined;
        for (const entry of timers) if (entry[1].due <= target && (!first || entry[1].due < first[1].due)) first = entry;
        if (!first) break;
        timers.delete(first[0]);
        current = first[1].due;
        first[1].fn();
        await settle();
      }
      current = target;
      await settle();
    },
    armed,
    pending: () => timers.size,
  };
}
