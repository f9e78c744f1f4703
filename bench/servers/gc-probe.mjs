/**
 * Bench-only preload for the memory scenario (`node --expose-gc --import gc-probe.mjs main.js`): on SIGWINCH
 * run a full garbage collection and print one JSON line with the heap still in use. A single RSS sample
 * lands anywhere in V8's collection cycle (the same gateway reads 170–236 MB within 200k requests without
 * growing); the heap that survives a full collection is what a leak makes grow.
 */
// SIGWINCH: ignored by default and by the gateway; SIGUSR2 is one of close-with-grace's shutdown signals, SIGUSR1 starts
// the inspector.
process.on('SIGWINCH', () => {
  // Two passes: the first can leave objects whose finalizers free more on the second.
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ event: 'gc-probe', heapUsedBytes: heapUsed, rssBytes: rss, externalBytes: external + arrayBuffers })}\n`);
});
