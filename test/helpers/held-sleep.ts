/** An emulator `sleep` that holds every delayed FC call until released: "FC is slow right now", without timers. */
export function heldSleep() {
  let release!: () => void;
  let gate = new Promise<void>((resolve) => { release = resolve; });
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => { markStarted = resolve; });
  return {
    sleep: async (_ms: number) => {
      markStarted();
      await gate;
    },
    /** Resolves once a held call has started. */
    started,
    release: () => release(),
    /** Hold calls again (after a release). */
    hold: () => { gate = new Promise<void>((resolve) => { release = resolve; }); },
  };
}
