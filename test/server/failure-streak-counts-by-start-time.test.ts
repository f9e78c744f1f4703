// The consecutive-failure rule of the FC breaker orders calls by when they started: a failure only counts
// while nothing sent at or after it has worked.
import t from 'tap';
import { FailureStreak } from '../../server/offload/failure-streak.js';

t.test('failures of calls sent after the last success reach the limit (an outage)', async (t) => {
  const streak = new FailureStreak(3);
  streak.success(100);
  t.equal(streak.failure(110), false);
  t.equal(streak.failure(120), false);
  t.equal(streak.failure(130), true, 'third failure in a row');
});

t.test('failures of calls sent before a later success never count (a brownout)', async (t) => {
  const streak = new FailureStreak(3);
  streak.success(500);
  for (const started of [100, 200, 300, 400, 499]) t.equal(streak.failure(started), false, `call sent at ${started} failed after a call sent at 500 worked`);
});

t.test('a success removes only the failures of calls sent before it', async (t) => {
  const streak = new FailureStreak(3);
  t.equal(streak.failure(100), false);
  t.equal(streak.failure(300), false);
  streak.success(200); // forgives the call sent at 100, not the one sent at 300
  t.equal(streak.failure(400), false, 'two in a row (300, 400)');
  t.equal(streak.failure(500), true, 'three in a row (300, 400, 500)');
});

t.test('a late success of an old call does not erase failures of newer calls', async (t) => {
  const streak = new FailureStreak(3);
  t.equal(streak.failure(200), false);
  t.equal(streak.failure(300), false);
  streak.success(150); // sent before both failures, answered after them
  t.equal(streak.failure(400), true, 'the failures sent at 200 and 300 still count');
});

t.test('clear() forgets the failures', async (t) => {
  const streak = new FailureStreak(2);
  streak.failure(100);
  streak.clear();
  t.equal(streak.failure(200), false);
  t.equal(streak.failure(300), true);
});
