// EMU_HANG_RATE=1: the call is accepted and never answered; only the client's own deadline ends it.
import t from 'tap';
import { startEmulator, type Outcome } from '../../functions/emulator/index.js';

let hung!: () => void;
const hanging = new Promise<void>((resolve) => { hung = resolve; });
const fc = await startEmulator({ faults: { hangRate: 1 }, onOutcome: (_kind, outcome: Outcome) => { if (outcome === 'hang') hung(); } });
t.teardown(() => fc.close());

t.test('no answer arrives before the client gives up', async (t) => {
  const controller = new AbortController();
  let answered = false;
  const call = fetch(`${fc.url}/products/1001`, { signal: controller.signal }).then(() => { answered = true; });
  await hanging;
  t.equal(fc.stats().inFlight, 1, 'the call is in flight');
  controller.abort();
  await t.rejects(call, { name: 'AbortError' });
  t.notOk(answered, 'no answer arrived');
});
