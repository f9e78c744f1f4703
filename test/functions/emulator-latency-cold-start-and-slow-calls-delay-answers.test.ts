// EMU_LATENCY_MS delays every call, EMU_SLOW_RATE/EMU_SLOW_MS a share of calls, EMU_COLD_START_MS the call
// that starts an instance. The waits are recorded through the injected sleep (no timing in tests).
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

const waits: number[] = [];
const fc = await startEmulator({ faults: { latencyMs: 120, slowRate: 1, slowMs: 900, coldStartMs: 300 }, sleep: async (ms) => { waits.push(ms); } });
t.teardown(() => fc.close());

t.test('waits happen where FC would wait', async (t) => {
  const first = await fetch(`${fc.url}/products/1001`);
  await first.arrayBuffer();
  t.same(waits.splice(0), [120, 900, 300], 'first call: latency, slow, cold start');
  const second = await fetch(`${fc.url}/products/1001`);
  await second.arrayBuffer();
  t.same(waits.splice(0), [120, 900], 'second call reuses the warm instance');
  t.equal(second.headers.get('x-fc-instance-id'), first.headers.get('x-fc-instance-id'));

  fc.setFaults({ slowRate: 0 });
  await fetch(`${fc.url}/__emulator/recycle`, { method: 'POST' });
  const third = await fetch(`${fc.url}/products/1001`);
  await third.arrayBuffer();
  t.same(waits.splice(0), [120, 300], 'after recycle the next call is cold again');
  t.equal(fc.stats().coldStarts, 2);
});
