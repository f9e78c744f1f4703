// When the fast FC calls spread out (a busy pod, a loaded FC), 3 × their median falls inside their own tail and
// every call in that tail would be hedged and then answered by FC anyway — a wasted local render each, which
// drains the budget a brownout's slow share needs. The delay then moves out to the (1 − HEDGE_MAX_EXTRA_LOAD)
// quantile of the fast calls, still below a slow mode.
import t from 'tap';
import { createHedgeDelay, MEDIAN_MULTIPLE } from '../../server/offload/hedge-delay.js';

const adaptive = { mode: 'adaptive' as const, delayMs: 500, maxExtraLoad: 0.05, windowMs: 10_000 };

/** `n` latencies spread evenly from `fromMs` to `toMs`. */
const spread = (n: number, fromMs: number, toMs: number) => Array.from({ length: n }, (_, i) => fromMs + ((toMs - fromMs) * i) / (n - 1));

t.test('fast calls 20–200 ms: the delay is their p95, not 3 × p50', async (t) => {
  const delay = createHedgeDelay({ hedge: adaptive, timeoutMs: 3000, timer: false });
  t.teardown(() => delay.stop());
  // Median ≈ 38 ms; 3 × p50 ≈ 115 ms would hedge a quarter of these calls.
  const fast = [...spread(500, 20, 60), ...spread(500, 60, 200)].sort((a, b) => a - b);
  for (const ms of fast) delay.record(ms);
  delay.refresh();
  const wasted = fast.filter((ms) => ms > delay.delayMs()).length / fast.length;
  t.ok(delay.delayMs() > MEDIAN_MULTIPLE * 60, `delay ${delay.delayMs()} ms is past 3 × p50`);
  t.ok(wasted <= 0.025 + 0.01, `${(wasted * 100).toFixed(1)} % of the fast calls would be hedged (budget 5 %, aimed at half)`);
});

t.test('the same fast calls plus a 30 % slow mode at 1500 ms: the delay stays below the slow mode', async (t) => {
  const delay = createHedgeDelay({ hedge: adaptive, timeoutMs: 3000, timer: false });
  t.teardown(() => delay.stop());
  const fast = [...spread(350, 20, 60), ...spread(350, 60, 200)];
  for (const ms of fast) delay.record(ms);
  for (let i = 0; i < 300; i += 1) delay.record(1500);
  delay.refresh();
  t.ok(delay.delayMs() < 1500, `delay ${delay.delayMs()} ms hedges the slow mode`);
  const wasted = fast.filter((ms) => ms > delay.delayMs()).length / fast.length;
  t.ok(wasted <= 0.025 + 0.01, `${(wasted * 100).toFixed(1)} % of the fast calls would be hedged`);
});

t.test('HEDGE_MAX_EXTRA_LOAD moves the delay: a larger budget hedges earlier', async (t) => {
  const tight = createHedgeDelay({ hedge: { ...adaptive, maxExtraLoad: 0.01 }, timeoutMs: 3000, timer: false });
  const loose = createHedgeDelay({ hedge: { ...adaptive, maxExtraLoad: 0.2 }, timeoutMs: 3000, timer: false });
  t.teardown(() => { tight.stop(); loose.stop(); });
  // A long tail: 90 % within 20–60 ms, 10 % out to 400 ms.
  for (const ms of [...spread(900, 20, 60), ...spread(100, 60, 400)]) { tight.record(ms); loose.record(ms); }
  tight.refresh();
  loose.refresh();
  t.ok(tight.delayMs() > loose.delayMs(), `1 %: ${tight.delayMs()} ms, 20 %: ${loose.delayMs()} ms`);
});
