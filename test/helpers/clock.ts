/** A clock tests move by hand (the render cache's `now`), so freshness windows pass without sleeping. */
export interface TestClock {
  now: () => number;
  advance(seconds: number): void;
}

export function createClock(start = Date.UTC(2026, 0, 1)): TestClock {
  let current = start;
  return {
    now: () => current,
    advance(seconds) {
      current += seconds * 1000;
    },
  };
}
