// The slow-call rule: when more than BREAKER_SLOW_CALL_PERCENT of at least BREAKER_SLOW_CALL_VOLUME calls
// took longer than BREAKER_SLOW_CALL_MS, the breaker opens (reason FC_SLOW) although every call succeeded.
// A half-open trial is judged on speed too: a slow success re-opens it, a fast one closes it.
import { once } from 'node:events';
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';

async function page(url: string) {
  const response = await fetch(url);
  await response.text();
  return { status: response.status, renderBy: response.headers.get('x-render-by'), timing: response.headers.get('server-timing') ?? '' };
}

t.test('slow FC → open (FC_SLOW) → slow trial re-opens → fast trial closes', async (t) => {
  const gateway = await startGateway(t, {
    emulator: { faults: { latencyMs: 150 } },
    env: {
      FC_TIMEOUT_MS: '3000', HEDGE_MS: '0', BREAKER_RESET_MS: '500',
      BREAKER_SLOW_CALL_MS: '100', BREAKER_SLOW_CALL_PERCENT: '50', BREAKER_SLOW_CALL_VOLUME: '5',
    },
  });
  const breaker = gateway.app.fcBreaker!;
  const opened = once(breaker, 'open');
  // Listen before anything else is awaited: BREAKER_RESET_MS is short.
  const halfOpen = once(breaker, 'halfOpen');
  const first = await Promise.all([1, 2, 3, 4, 5].map((i) => page(`${gateway.url}/products/100${i}`)));
  t.ok(first.every((p) => p.status === 200 && p.renderBy === 'fc'), 'slow pages are still FC pages');
  await opened;
  t.equal(breaker.openReason, 'FC_SLOW');
  const metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.match(metrics, /ssr_breaker_opens_total\{site="default",target="fc-http",reason="FC_SLOW"\} 1/);
  t.match(metrics, /ssr_fc_slow_call_ratio\{site="default",target="fc-http"\} \d/);

  await halfOpen;
  const reopened = once(breaker, 'open');
  t.match(await page(`${gateway.url}/products/1010`), { status: 200, renderBy: 'local', timing: /FC_SLOW/ }, 'a slow trial is a failed trial');
  const halfOpenAgain = once(breaker, 'halfOpen');
  await reopened;
  t.equal(breaker.openReason, 'FC_SLOW');

  gateway.fc!.setFaults({ latencyMs: 0 });
  await halfOpenAgain;
  const closed = once(breaker, 'close');
  t.match(await page(`${gateway.url}/products/1011`), { status: 200, renderBy: 'fc' });
  await closed;
  t.match(await page(`${gateway.url}/products/1012`), { renderBy: 'fc' });
});
