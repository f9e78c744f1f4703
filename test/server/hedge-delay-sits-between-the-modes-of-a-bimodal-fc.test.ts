// The adaptive hedge delay is 3 × the window's median FC success latency: with 30 % of calls slow it lands
// between the fast and the slow mode (where a p95 would sit inside the slow mode and hedge nothing useful);
// before the window holds enough successes it is the fixed fallback; old samples roll out of the window.
import t from 'tap';
import { createHedgeDelay, MEDIAN_MULTIPLE, MIN_SAMPLES } from '../../server/offload/hedge-delay.js';
import { LatencyWindow } from '../../server/offload/latency-window.js';

const adaptive = { mode: 'adaptive' as const, delayMs: 500, maxExtraLoad: 0.05, windowMs: 10_000 };

t.test('bimodal 70 % at 20 ms / 30 % at 400 ms: the delay hedges the slow share, p95 would not', async (t) => {
  const delay = createHedgeDelay({ hedge: adaptive, timeoutMs: 3000, timer: false });
  t.teardown(() => delay.stop());
  const window = new LatencyWindow(1);
  for (let i = 0; i < 100; i += 1) {
    const ms = i % 10 < 7 ? 20 : 400;
    delay.record(ms);
    window.record(ms);
  }
  delay.refresh();
  t.ok(delay.learned());
  t.ok(window.snapshot().percentileMs(95) >= 396, 'p95 lies inside the slow mode');
  t.ok(delay.delayMs() > 20 && delay.delayMs() < 400, `delay ${delay.delayMs()} ms lies between the modes`);
  t.equal(delay.delayMs(), Math.round(MEDIAN_MULTIPLE * window.snapshot().percentileMs(50)));
});

t.test('fewer than MIN_SAMPLES successes: the fixed fallback delay', async (t) => {
  const delay = createHedgeDelay({ hedge: adaptive, timeoutMs: 3000, timer: false });
  for (let i = 0; i < MIN_SAMPLES - 1; i += 1) delay.record(20);
  delay.refresh();
  t.notOk(delay.learned());
  t.equal(delay.delayMs(), 500);
});

t.test('the delay follows a latency change once the old samples roll out, and stays below FC_TIMEOUT_MS', async (t) => {
  const delay = createHedgeDelay({ hedge: adaptive, timeoutMs: 1000, timer: false });
  for (let i = 0; i < 100; i += 1) delay.record(20);
  delay.refresh();
  t.ok(Math.abs(delay.delayMs() - 60) <= 1, `delay ${delay.delayMs()} ms ≈ 3 × 20 ms`);
  // Five refreshes rotate the whole window: afterwards only the new latency counts.
  for (let r = 0; r < 5; r += 1) {
    for (let i = 0; i < 100; i += 1) delay.record(200);
    delay.refresh();
  }
  // The histogram keeps 2 significant digits: values are exact to within 1 %.
  t.ok(Math.abs(delay.delayMs() - 600) <= 6, `delay ${delay.delayMs()} ms ≈ 3 × 200 ms`);
  for (let r = 0; r < 5; r += 1) {
    for (let i = 0; i < 100; i += 1) delay.record(900);
    delay.refresh();
  }
  t.equal(delay.delayMs(), 999, 'never at or past the FC deadline');
});

t.test('fixed and off modes ignore samples', async (t) => {
  const fixed = createHedgeDelay({ hedge: { ...adaptive, mode: 'fixed', delayMs: 150 }, timeoutMs: 3000, timer: false });
  for (let i = 0; i < 100; i += 1) fixed.record(5);
  fixed.refresh();
  t.equal(fixed.delayMs(), 150);
  const off = createHedgeDelay({ hedge: { ...adaptive, mode: 'off', delayMs: 0 }, timeoutMs: 3000, timer: false });
  t.equal(off.delayMs(), 0);
});
