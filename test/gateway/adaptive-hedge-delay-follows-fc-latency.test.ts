// HEDGE_MS unset under fc-first: the hedge delay is learned from FC's successful latencies, and follows
// them when FC's latency changes (emulator 20 ms → 200 ms).
import { once } from 'node:events';
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';

const metric = async (url: string, name: string) => (await (await fetch(`${url}/metrics`)).text()).split('\n').find((line) => line.startsWith(name))?.split(' ').pop();

t.test('the delay is 3 × FC\'s median latency and moves with it', async (t) => {
  const gateway = await startGateway(t, {
    emulator: { faults: { latencyMs: 20 } },
    env: { FC_TIMEOUT_MS: '5000' },
  });
  const delay = gateway.app.hedgeDelay;
  t.equal(delay.mode, 'adaptive');
  t.equal(delay.delayMs(), 500, 'the fixed fallback until the window holds enough successes');

  // Drive traffic (2 pages at a time: the in-process emulator renders on this event loop too, so more
  // concurrency would measure the machine rather than the emulator's latency) until the next recomputation.
  const pages = async () => Promise.all([1, 2].map(async (i) => (await fetch(`${gateway.url}/products/100${i}`)).text()));
  async function driveUntil(done: () => boolean) {
    while (!done()) {
      const updated = once(delay, 'update');
      for (let i = 0; i < 5; i += 1) await pages();
      await updated;
      if (process.env.DEBUG_HEDGE) console.error('delay', delay.delayMs(), delay.learned());
    }
  }

  await driveUntil(() => delay.learned());
  const fast = delay.delayMs();
  t.ok(fast >= 3 * 20 * 0.99, `learned ${fast} ms from 20 ms calls`);
  const gauge = Number(await metric(gateway.adminUrl!, 'ssr_hedge_delay_seconds'));
  t.ok(gauge * 1000 >= 3 * 20 * 0.99, `gauge shows the delay (${gauge} s)`);

  gateway.fc!.setFaults({ latencyMs: 200 });
  // Once the 20 ms samples have rolled out of the window (HEDGE_WINDOW_MS), the median is a 200 ms call.
  await driveUntil(() => delay.delayMs() >= Math.max(3 * 200 * 0.99, fast + 1));
  t.ok(delay.learned() && delay.delayMs() > fast, `followed FC from ${fast} to ${delay.delayMs()} ms`);
});
