// A hang after a healthy period: the breaker only hears of it when the hung calls reach FC_TIMEOUT_MS. When
// BREAKER_CONSECUTIVE_FAILURES hedges in a row fire with no FC success since their call was sent, new pages
// skip FC (reason FC_SLOW) and render locally at once; an FC success ends it.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';

async function page(url: string) {
  const response = await fetch(url);
  await response.text();
  return { status: response.status, renderBy: response.headers.get('x-render-by'), timing: response.headers.get('server-timing') ?? '' };
}

t.test('hung FC: after 3 stalled hedges, pages stop waiting for FC', async (t) => {
  const gateway = await startGateway(t, {
    emulator: { faults: { latencyMs: 5 } },
    env: { FC_TIMEOUT_MS: '5000', BREAKER_CONSECUTIVE_FAILURES: '3' },
  });
  const delay = gateway.app.hedgeDelay;
  while (!delay.learned()) await Promise.all([1, 2, 3, 4].map((i) => page(`${gateway.url}/products/100${i}`)));
  const fc = gateway.fc!;
  fc.setFaults({ hangRate: 1 });
  const callsBefore = fc.stats().calls.http;
  // Three concurrent pages: each waits one hedge delay, finds no FC success, and is answered by its hedge.
  const hedged = await Promise.all([1, 2, 3].map((i) => page(`${gateway.url}/products/100${i}`)));
  t.ok(hedged.every((p) => p.status === 200 && p.renderBy === 'local'));
  const skipped = await page(`${gateway.url}/products/1004`);
  t.match(skipped, { status: 200, renderBy: 'local', timing: /fc;dur=0\.0;desc="FC_SLOW"/ }, 'the next page does not wait for FC');
  t.equal(fc.stats().calls.http, callsBefore + 3, 'and FC was not called for it');
  t.equal(fc.stats().outcomes.hang, 3, 'the three hung calls are still waiting for their 5 s deadline');
  t.ok(gateway.app.fcBreaker!.closed, 'no FC call has failed yet: this is not the breaker');
  const metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.match(metrics, /ssr_fallbacks_total\{reason="FC_SLOW"\} 1/);
});

t.test('the same hang right after a quiet spell: the stall is still caught', async (t) => {
  // The window is refreshed by the test (no timer): a full window of traffic, then quiet until it is empty.
  const gateway = await startGateway(t, {
    emulator: { faults: { latencyMs: 5 } },
    env: { FC_TIMEOUT_MS: '5000', BREAKER_CONSECUTIVE_FAILURES: '3', HEDGE_WINDOW_MS: '3600000' },
  });
  const delay = gateway.app.hedgeDelay;
  for (let subWindow = 0; subWindow < 5; subWindow += 1) {
    for (let i = 0; i < 3; i += 1) await Promise.all([1, 2, 3, 4].map((n) => page(`${gateway.url}/products/100${n}`)));
    delay.refresh();
  }
  for (let quiet = 0; quiet < 6; quiet += 1) delay.refresh();
  t.ok(delay.learned(), `an empty window keeps the delay learned under traffic (${delay.delayMs()} ms)`);
  gateway.fc!.setFaults({ hangRate: 1 });
  await Promise.all([1, 2, 3].map((i) => page(`${gateway.url}/products/100${i}`)));
  const skipped = await page(`${gateway.url}/products/1004`);
  t.match(skipped, { status: 200, renderBy: 'local', timing: /fc;dur=0\.0;desc="FC_SLOW"/ }, 'the fourth page does not wait for FC');
});
