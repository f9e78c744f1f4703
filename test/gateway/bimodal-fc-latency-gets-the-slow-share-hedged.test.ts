// A brownout makes FC bimodal: 70 % of calls fast, 30 % slow (and still answering). The adaptive delay sits
// between the two modes, so every slow call is answered by the hedged local render while the fast calls stay
// on FC (a p95 delay would sit inside the slow mode and hedge nothing in time).
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';

const SLOW_MS = 1500;

t.test('every slow FC call is hedged; fast calls are served by FC', async (t) => {
  let slowCalls = 0;
  const gateway = await startGateway(t, {
    // The emulator waits through `sleep`; counting the slow waits tells which calls were slow.
    emulator: {
      faults: { latencyMs: 15 },
      sleep: (ms) => {
        if (ms === SLOW_MS) slowCalls += 1;
        return new Promise((resolve) => setTimeout(resolve, ms).unref());
      },
    },
    // The budget is not under test here (a slow call that still answers is "extra load"): let it hedge them all.
    // A long window keeps what was learned for the whole test, however slow the machine.
    env: { FC_TIMEOUT_MS: '5000', HEDGE_WINDOW_MS: '60000', HEDGE_MAX_EXTRA_LOAD: '1', BREAKER_SLOW_CALL_MS: '4000' },
  });
  const delay = gateway.app.hedgeDelay;
  const page = async (i: number) => {
    const response = await fetch(`${gateway.url}/products/${1001 + (i % 8)}`);
    await response.text();
    return response.headers.get('x-render-by');
  };
  while (!delay.learned()) await Promise.all([0, 1, 2, 3].map(page));

  gateway.fc!.setFaults({ slowRate: 0.3, slowMs: SLOW_MS });
  slowCalls = 0;
  const served = { fc: 0, local: 0 };
  for (let i = 0; i < 40; i += 1) {
    const by = await page(i);
    if (by === 'fc' || by === 'local') served[by] += 1;
  }
  t.ok(delay.learned() && delay.delayMs() < SLOW_MS, `learned delay ${delay.delayMs()} ms is below the slow mode`);
  t.ok(slowCalls > 0, `${slowCalls} slow FC calls`);
  t.ok(served.local >= slowCalls, `${served.local} pages from the hedge cover the ${slowCalls} slow calls`);
  t.ok(served.fc > 0 && served.fc >= 40 - served.local, 'the rest came from FC');
});
