// The hedge budget caps renders that hedging wastes, but a spent budget used to leave every slow call of a
// brownout waiting out FC_TIMEOUT_MS. A call still unanswered past the slowest of FC's fast calls is almost
// surely one of the slow ones, so it is hedged from the budget's overdraft (ssr_hedges_late_total); once the
// overdraft is spent too, it waits for FC like any refused hedge.
import t from 'tap';
import { startGateway, type GatewayUnderTest } from '../helpers/gateway.js';

const metric = async (url: string, name: string) => Number((await (await fetch(`${url}/metrics`)).text()).split('\n').find((line) => line.startsWith(name))?.split(' ').pop() ?? 0);

/** A gateway whose FC never answers in time, with a learned fast mode of 8–90 ms and a spent hedge budget. */
async function brownedOut(t: Parameters<Parameters<typeof t.test>[1]>[0]): Promise<GatewayUnderTest> {
  const gateway = await startGateway(t, {
    emulator: { faults: { slowRate: 1, slowMs: 10_000 } },
    // The window is fed below, not by a timer. The gateway's own start-up (and the in-process emulator's cold
    // render) can make the event loop lag past 100 ms, which refuses hedges for headroom: not what is tested here.
    env: { FC_TIMEOUT_MS: '1000', HEDGE_WINDOW_MS: '3600000', HEDGE_MAX_EXTRA_LOAD: '0.2', LOCAL_MAX_EVENT_LOOP_DELAY_MS: '60000' },
  });
  const delay = gateway.app.hedgeDelay;
  for (let i = 0; i < 80; i += 1) delay.record(8 + (4 * i) / 79);
  for (let i = 0; i < 20; i += 1) delay.record(40 + (50 * i) / 19);
  delay.refresh();
  t.ok(delay.learned() && delay.lateDelayMs() > delay.delayMs(), `hedge at ${delay.delayMs()} ms, late hedge at ${delay.lateDelayMs()} ms`);
  // Hedges that FC then answered anyway: the bucket is empty.
  const budget = gateway.app.hedgeBudget;
  while (budget.allows()) budget.charge();
  return gateway;
}

async function page(gateway: GatewayUnderTest) {
  const response = await fetch(`${gateway.url}/products/1001`);
  return { by: response.headers.get('x-render-by'), status: response.status, html: await response.text() };
}

t.test('a spent budget: the slow call is hedged once it outlives the fast mode', async (t) => {
  const gateway = await brownedOut(t);
  const { by, status, html } = await page(gateway);
  t.equal(status, 200);
  t.equal(by, 'local', 'the hedge rendered it');
  t.match(html, /<\/html>/);
  t.equal(await metric(gateway.adminUrl!, 'ssr_hedges_late_total'), 1, 'counted as a late hedge');
  t.equal(await metric(gateway.adminUrl!, 'ssr_hedges_total{winner="local"}'), 1);
  t.equal(await metric(gateway.adminUrl!, 'ssr_hedges_refused_total{reason="budget"}'), 0, 'not counted as refused');
  t.equal(await metric(gateway.adminUrl!, 'ssr_hedges_refused_total{reason="headroom"}'), 0);
  t.equal(await metric(gateway.adminUrl!, 'ssr_fallbacks_total{reason="FC_TIMEOUT"}'), 0, 'answered before FC timed out');
});

t.test('the overdraft spent too: the call waits for FC, then falls back', async (t) => {
  const gateway = await brownedOut(t);
  const budget = gateway.app.hedgeBudget;
  while (budget.allowsLate()) budget.charge();
  const { by, status } = await page(gateway);
  t.equal(status, 200);
  t.equal(by, 'local');
  t.equal(await metric(gateway.adminUrl!, 'ssr_hedges_late_total'), 0);
  t.equal(await metric(gateway.adminUrl!, 'ssr_hedges_refused_total{reason="budget"}'), 1, 'refused by the budget');
  t.equal(await metric(gateway.adminUrl!, 'ssr_fallbacks_total{reason="FC_TIMEOUT"}'), 1, 'the page waited out FC_TIMEOUT_MS');
  t.ok(budget.tokens() < 0, `balance ${budget.tokens()}`);
});
