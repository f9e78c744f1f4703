// Scenario 12's measure: per poll interval, the share of pages a region answered (its own `ok` count
// against the pages received), and the time from the fault until that share stays ≥ 95% for at least 2 s.
// Intervals without any page (every connection waiting on a hung call) never start the settled run.
import t from 'tap';

const { shareBuckets, settledAfter } = await import('../../bench/scenarios/12-region-failover.mjs');

/** Samples every 500 ms from t=0, with region B's cumulative ok count, and `perBucket` pages per interval. */
function timeline(bAnswered: number[], perBucket: number[]) {
  const samples = [{ t: 0, a: 0, b: 0 }];
  const records: { t: number }[] = [];
  let b = 0;
  bAnswered.forEach((answered, i) => {
    b += answered;
    samples.push({ t: (i + 1) * 500, a: 0, b });
    for (let n = 0; n < perBucket[i]!; n++) records.push({ t: i * 500 + 1 + n });
  });
  return { samples, records };
}

t.test('a share that reaches 95% at the fourth interval and holds', async (t) => {
  const { samples, records } = timeline([0, 5, 9, 10, 10, 10, 10, 10, 10], Array(9).fill(10));
  const buckets = shareBuckets(samples, records, 'b');
  t.same(buckets.map((bucket: { share: number }) => bucket.share), [0, 0.5, 0.9, 1, 1, 1, 1, 1, 1]);
  t.equal(settledAfter(buckets, 0), 1500, 'settled from the start of the first bucket at ≥ 95%');
});

t.test('empty intervals while calls hang do not count as switched', async (t) => {
  const { samples, records } = timeline([0, 0, 10, 10, 10, 10, 10, 10], [0, 0, 10, 10, 10, 10, 10, 10]);
  t.equal(settledAfter(shareBuckets(samples, records, 'b'), 0), 1000, 'the hang time counts');
});

t.test('a dip below 95% restarts it; a run shorter than 2 s is not settled', async (t) => {
  const dip = timeline([10, 10, 10, 5, 10, 10, 10, 10, 10], Array(9).fill(10));
  t.equal(settledAfter(shareBuckets(dip.samples, dip.records, 'b'), 0), 2000);
  const short = timeline([0, 0, 0, 0, 0, 10, 10, 10], Array(8).fill(10));
  t.equal(settledAfter(shareBuckets(short.samples, short.records, 'b'), 0), undefined, '1.5 s at 100% is not enough');
});
