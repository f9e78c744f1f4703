// After a quiet spell the latency window empties, and the first seconds of traffic that refill it are the
// ramp: an idle pod, FC's fast calls at their quickest. A delay learned from them alone hedged the fast calls
// of the loaded seconds that followed, and those wasted hedges spent the budget a brownout's slow calls needed
// (bench scenario 4). The delay does not fall below the last one learned from a full window until traffic has
// filled a whole window again; it rises at once, and falls once a full window shows FC got faster.
// A fresh gateway (nothing learned yet) still starts from the fixed fallback.
import t from 'tap';
import { createHedgeDelay, MIN_SAMPLES } from '../../server/offload/hedge-delay.js';

const SUB_WINDOWS = 5;
const adaptive = { mode: 'adaptive' as const, delayMs: 500, maxExtraLoad: 0.1, windowMs: 10_000 };

/** One sub-window of traffic: `n` calls of `ms` each, then the refresh that closes it. */
function subWindow(delay: ReturnType<typeof createHedgeDelay>, ms: number, n = MIN_SAMPLES) {
  for (let i = 0; i < n; i += 1) delay.record(ms);
  delay.refresh();
}

function loaded(t: Parameters<Parameters<typeof t.test>[1]>[0]) {
  const delay = createHedgeDelay({ hedge: adaptive, timeoutMs: 3000, timer: false });
  t.teardown(() => delay.stop());
  for (let i = 0; i < SUB_WINDOWS; i += 1) subWindow(delay, 60);
  return delay;
}

t.test('after a quiet spell, the ramp\'s fast calls do not pull the delay down', async (t) => {
  const delay = loaded(t);
  const learnedUnderLoad = delay.delayMs();
  t.ok(learnedUnderLoad >= 3 * 60 * 0.99, `learned ${learnedUnderLoad} ms from 60 ms calls`);
  for (let i = 0; i < SUB_WINDOWS + 1; i += 1) delay.refresh(); // quiet: every sub-window rotates out
  t.equal(delay.delayMs(), learnedUnderLoad, 'an empty window keeps the last learned delay, not the 500 ms fallback');
  // FC answered within a known time before: a hang right after the quiet spell is still told from a slow start.
  t.ok(delay.learned(), 'still counts as learned (the stall detector stays on)');
  subWindow(delay, 15);
  t.ok(delay.learned(), 'the ramp alone is enough samples to learn from');
  t.equal(delay.delayMs(), learnedUnderLoad, `one sub-window of 15 ms calls: still ${delay.delayMs()} ms`);
  for (let i = 1; i < SUB_WINDOWS; i += 1) subWindow(delay, 15);
  t.ok(delay.delayMs() < learnedUnderLoad / 2, `a whole window of 15 ms calls: ${delay.delayMs()} ms`);
});

t.test('a slower FC after the quiet spell raises the delay at once', async (t) => {
  const delay = loaded(t);
  const before = delay.delayMs();
  for (let i = 0; i < SUB_WINDOWS + 1; i += 1) delay.refresh();
  subWindow(delay, 200);
  t.ok(delay.delayMs() >= 3 * 200 * 0.99, `${before} → ${delay.delayMs()} ms after one sub-window of 200 ms calls`);
});

t.test('bursts shorter than the window keep the floor; steady traffic follows FC down', async (t) => {
  const delay = loaded(t);
  const floor = delay.delayMs();
  for (let burst = 0; burst < 3; burst += 1) {
    subWindow(delay, 15);
    subWindow(delay, 15);
    delay.refresh(); // a quiet sub-window between bursts
    t.equal(delay.delayMs(), floor, `burst ${burst + 1}: ${delay.delayMs()} ms`);
  }
  const steady = createHedgeDelay({ hedge: adaptive, timeoutMs: 3000, timer: false });
  t.teardown(() => steady.stop());
  for (let i = 0; i < SUB_WINDOWS; i += 1) subWindow(steady, 60);
  for (let i = 0; i < SUB_WINDOWS; i += 1) subWindow(steady, 15);
  t.ok(steady.delayMs() < floor / 2, `without a gap: ${floor} → ${steady.delayMs()} ms`);
});

t.test('a fresh gateway has no floor: the fallback until the window holds enough successes', async (t) => {
  const delay = createHedgeDelay({ hedge: adaptive, timeoutMs: 3000, timer: false });
  t.teardown(() => delay.stop());
  delay.refresh();
  t.equal(delay.delayMs(), 500);
  t.notOk(delay.learned());
  t.equal(delay.lateDelayMs(), 0, 'no fast mode measured: no late hedges');
});
