// An FC that is slow but answers makes every hedge a second render of the same page. HEDGE_MAX_EXTRA_LOAD caps
// those: once the budget is spent, hedges are refused (reason="budget") and FC's own page is served.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';

const metric = async (url: string, name: string) => (await (await fetch(`${url}/metrics`)).text()).split('\n').find((line) => line.startsWith(name))?.split(' ').pop();

t.test('hedges stop when the budget is spent', async (t) => {
  const gateway = await startGateway(t, {
    emulator: { faults: { latencyMs: 150 } },
    env: { FC_TIMEOUT_MS: '3000', HEDGE_MS: '20', HEDGE_MAX_EXTRA_LOAD: '0', BREAKER_SLOW_CALL_PERCENT: '100' },
  });
  const served = { fc: 0, local: 0 };
  for (let i = 0; i < 40; i += 1) {
    const response = await fetch(`${gateway.url}/products/1001`);
    await response.text();
    const by = response.headers.get('x-render-by');
    if (by === 'fc' || by === 'local') served[by] += 1;
  }
  const refused = Number(await metric(gateway.adminUrl!, 'ssr_hedges_refused_total{reason="budget"}') ?? 0);
  t.ok(refused > 0, `${refused} hedges refused by the budget`);
  t.ok(served.fc > 0, `${served.fc} pages waited for FC instead`);
  t.ok(served.local < 40, 'not every page was rendered twice');
});
