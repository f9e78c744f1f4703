// HEDGE_MAX_EXTRA_LOAD: hedges whose FC call then succeeded anyway (two renders for one page) stay within the
// budget's share of FC calls plus a small burst and a floor over time; hedges of calls that failed are free
// (the page would have been rendered locally anyway).
import t from 'tap';
import { HedgeBudget } from '../../server/offload/hedge-budget.js';

t.test('every hedge wasted: at most maxExtraLoad × calls + the burst + the floor', async (t) => {
  let now = 0;
  const budget = new HedgeBudget({ maxExtraLoad: 0.05, capacity: 10, floorPerSecond: 1, now: () => now });
  let hedges = 0;
  for (let call = 0; call < 2000; call += 1) {
    now += 1; // 1000 calls per second: 2 s in all
    budget.deposit();
    if (budget.allows()) {
      hedges += 1;
      budget.charge();
    }
  }
  t.ok(hedges <= 0.05 * 2000 + 10 + 2 + 1, `${hedges} hedges`);
  t.ok(hedges >= 0.05 * 2000, 'the budget is usable, not just a wall');
});

t.test('hedges whose FC call failed are not charged: a brownout that times out may hedge all of them', async (t) => {
  let now = 0;
  const budget = new HedgeBudget({ maxExtraLoad: 0.05, now: () => now });
  let hedges = 0;
  for (let call = 0; call < 1000; call += 1) {
    now += 1;
    budget.deposit();
    if (budget.allows()) hedges += 1; // FC then timed out: no charge
  }
  t.equal(hedges, 1000);
});

t.test('a spent budget refills from FC traffic and from the floor', async (t) => {
  let now = 0;
  const budget = new HedgeBudget({ maxExtraLoad: 0.1, capacity: 2, floorPerSecond: 1, now: () => now });
  budget.charge();
  budget.charge();
  budget.charge();
  t.notOk(budget.allows(), 'in debt');
  for (let i = 0; i < 10; i += 1) budget.deposit();
  t.notOk(budget.allows(), '10 calls × 0.1 repay one token, not the debt');
  now += 1500;
  t.ok(budget.allows(), 'the floor trickles in');
});

t.test('late hedges may overdraw the bucket once: still capped over time', async (t) => {
  let now = 0;
  const budget = new HedgeBudget({ maxExtraLoad: 0.05, capacity: 10, floorPerSecond: 1, now: () => now });
  let early = 0;
  let late = 0;
  for (let call = 0; call < 2000; call += 1) {
    now += 1;
    budget.deposit();
    // Every call is hedged late if it can be, and every hedge is wasted: the worst case for the overdraft.
    if (budget.allows()) early += 1;
    else if (budget.allowsLate()) late += 1;
    else continue;
    budget.charge();
  }
  t.ok(late > 0, `${late} late hedges once the balance was spent`);
  t.ok(early + late <= 0.05 * 2000 + 2 * 10 + 2 + 1, `${early + late} hedges in all: one more burst of the capacity, no more`);
  t.notOk(budget.allowsLate(), 'the overdraft is spent too');
});
