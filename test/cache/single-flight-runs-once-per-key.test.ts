// The single-flight helper (shared by the page cache and, later, the sites lookup): one run per key,
// a waiter's abort stops only its wait, and a run past its budget frees the key.
import t from 'tap';
import { createSingleFlight } from '../../server/cache/single-flight.js';

const budgetError = (key: string, ms: number) => new Error(`${key} over ${ms} ms`);

t.test('concurrent callers share one run; different keys run apart', async (t) => {
  const flights = createSingleFlight<number>({ budgetMs: 10_000, onBudgetSpent: budgetError });
  let runs = 0;
  let finish!: (n: number) => void;
  const work = () => { runs += 1; return new Promise<number>((resolve) => { finish = resolve; }); };
  const a = flights.run('k', work);
  const b = flights.run('k', work);
  t.same([a.joined, b.joined], [false, true]);
  t.equal(flights.waiting, 2);
  flights.run('other', async () => 7);
  finish(42);
  t.same(await Promise.all([a.promise, b.promise]), [42, 42]);
  t.equal(runs, 1, 'one run for k');
  t.equal(flights.has('k'), false, 'the key is free once settled');
});

t.test('a waiter that aborts stops waiting; the run goes on for the others', async (t) => {
  const flights = createSingleFlight<string>({ budgetMs: 10_000, onBudgetSpent: budgetError });
  let finish!: (value: string) => void;
  let runSignal!: AbortSignal;
  const leaving = new AbortController();
  const first = flights.run('k', (signal) => { runSignal = signal; return new Promise((resolve) => { finish = resolve; }); }, leaving.signal);
  const second = flights.run('k', async () => 'never', undefined);
  leaving.abort(new Error('client left'));
  await t.rejects(first.promise, { message: 'client left' });
  t.equal(runSignal.aborted, false, 'the shared run was not aborted');
  finish('page');
  t.equal(await second.promise, 'page');
});

t.test('a run that never finishes frees its key after the budget', async (t) => {
  const flights = createSingleFlight<string>({ budgetMs: 20, onBudgetSpent: budgetError });
  // The budget timer is unref'd (it must not keep a closing server alive): keep this test's loop alive.
  const keepAlive = setInterval(() => undefined, 1000);
  t.teardown(() => clearInterval(keepAlive));
  let runSignal!: AbortSignal;
  const hung = flights.run('k', (signal) => { runSignal = signal; return new Promise<string>(() => undefined); });
  await t.rejects(hung.promise, { message: 'k over 20 ms' });
  t.equal(runSignal.aborted, true, 'the run is told to stop');
  t.equal(flights.has('k'), false);
  t.equal((await flights.run('k', async () => 'fresh').promise), 'fresh');
});
