// A 404 page from the app is FC's correct answer, not an FC failure: it reaches the user unchanged and
// any number of them leave the breaker closed, with every request still going to FC.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { parsePage } from '../helpers/page.js';

t.test('many FC 404 pages', async (t) => {
  const gateway = await startGateway(t, { env: { BREAKER_VOLUME: '3', BREAKER_CONSECUTIVE_FAILURES: '3', FC_TIMEOUT_MS: '5000' } });
  let opened = false;
  gateway.app.fcBreaker!.on('open', () => { opened = true; });
  for (let i = 0; i < 30; i += 1) {
    const response = await fetch(`${gateway.url}/no/such/page/${i}`);
    const html = await response.text();
    t.equal(response.status, 404);
    t.equal(response.headers.get('x-render-by'), 'fc');
    t.equal(parsePage(html).h1, 'Page not found');
  }
  t.notOk(opened, 'the breaker never opened');
  t.ok(gateway.app.fcBreaker!.closed, 'the breaker is closed');
  t.equal(gateway.fc!.stats().calls.http, 30, 'FC answered every one');
  const metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.notMatch(metrics, /ssr_fallbacks_total\{/, 'no fallback at all');
  t.match(metrics, /ssr_breaker_state\{site="default",target="fc-http"\} 0/);
});
