// The emulator's stats tell how long calls stayed open from FC's side (the soak's "FC calls open past
// their deadline"): a call held open longer than `overdueMs` is overdue — while still open and after it
// closes — and a call that closes in time is not. Timed with a fake clock, so nothing here waits.
import t from 'tap';
import { startEmulator, type Outcome } from '../../functions/emulator/index.js';

let clock = 1_000;
let hung!: () => void;
const hanging = new Promise<void>((resolve) => { hung = resolve; });
let closed!: (openMs: number) => void;
const closing = new Promise<number>((resolve) => { closed = resolve; });
const fc = await startEmulator({
  overdueMs: 1000,
  now: () => clock,
  faults: { hangRate: 1 },
  onOutcome: (_kind, outcome: Outcome) => { if (outcome === 'hang') hung(); },
  onCallClosed: (_kind, openMs) => closed(openMs),
});
t.teardown(() => fc.close());

t.test('a hung call turns overdue past the threshold, and stays counted after it closes', async (t) => {
  t.match(fc.stats().open, { longestMs: 0, overdueMs: 1000, overdue: 0, overdueOpen: 0 }, 'nothing yet');
  const controller = new AbortController();
  const call = fetch(`${fc.url}/products/1001`, { signal: controller.signal });
  await hanging;
  clock += 1000;
  t.match(fc.stats().open, { longestMs: 1000, overdue: 0, overdueOpen: 0 }, 'open exactly as long as the threshold: not overdue');
  clock += 1;
  t.match(fc.stats().open, { longestMs: 1001, overdue: 1, overdueOpen: 1 }, 'past the threshold while still open');
  const overHttp = await fetch(`${fc.url}/__emulator/stats`).then((r) => r.json());
  t.match(overHttp.open, { overdue: 1, overdueOpen: 1 }, 'GET /__emulator/stats says the same');
  clock += 499;
  controller.abort();
  await t.rejects(call, { name: 'AbortError' });
  t.equal(await closing, 1500, 'closed after 1500 ms on the emulator clock');
  t.match(fc.stats(), { inFlight: 0, open: { longestMs: 1500, overdue: 1, overdueOpen: 0 } }, 'still counted once it closed');
});

t.test('a call answered in time is not overdue; reset-stats zeroes the count', async (t) => {
  fc.setFaults({ hangRate: 0 });
  const response = await fetch(`${fc.url}/products/1001`);
  t.equal(response.status, 200);
  await response.arrayBuffer();
  t.match(fc.stats().open, { overdue: 1, overdueOpen: 0 }, 'the answered call added nothing');
  fc.resetStats();
  t.match(fc.stats().open, { longestMs: 0, overdue: 0, overdueOpen: 0 });
});
