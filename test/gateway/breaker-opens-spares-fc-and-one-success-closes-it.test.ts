// The breaker opens after the configured failures; while open FC receives nothing and pages come
// from the local render at once (BREAKER_OPEN); after BREAKER_RESET_MS exactly one trial reaches FC,
// and one success closes the breaker (a failed trial re-opens it).
import { EventEmitter, once } from 'node:events';
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';

async function page(url: string) {
  const response = await fetch(url);
  await response.text();
  return { status: response.status, renderBy: response.headers.get('x-render-by'), timing: response.headers.get('server-timing') ?? '' };
}

t.test('open → no FC traffic → half-open → one trial → closed', async (t) => {
  const gateway = await startGateway(t, {
    emulator: { faults: { errorRate: 1 } },
    // The half-open trial must also be fast (BREAKER_SLOW_CALL_MS, half the FC deadline): on a loaded machine a
    // 250 ms trial render re-opened the breaker and the test waited for a close that never came. This test is
    // about the error rule; the slow-trial rule has its own test.
    env: { BREAKER_VOLUME: '4', BREAKER_ERROR_PERCENT: '50', BREAKER_CONSECUTIVE_FAILURES: '0', BREAKER_RESET_MS: '5000', BREAKER_SLOW_CALL_MS: '600000' },
  });
  const breaker = gateway.app.fcBreaker!;
  const fc = gateway.fc!;
  const opened = once(breaker, 'open');
  for (let i = 0; i < 4; i += 1) t.match(await page(`${gateway.url}/products/100${i + 1}`), { status: 200, renderBy: 'local', timing: /FC_5XX/ });
  await opened;
  t.equal(fc.stats().calls.http, 4, 'opened after the 4th failure (BREAKER_VOLUME)');
  const halfOpen = once(breaker, 'halfOpen');

  for (let i = 0; i < 10; i += 1) t.match(await page(`${gateway.url}/products/101${i}`), { status: 200, renderBy: 'local', timing: /BREAKER_OPEN/ });
  t.equal(fc.stats().calls.http, 4, 'FC saw no traffic while the breaker was open');
  let metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.match(metrics, /ssr_breaker_state\{site="default",target="fc-http"\} 2/, 'state gauge says open');

  await halfOpen;
  // A failed trial re-opens the breaker.
  const reopened = once(breaker, 'open');
  t.match(await page(`${gateway.url}/products/1020`), { renderBy: 'local', timing: /FC_5XX/ });
  await reopened;
  t.equal(fc.stats().calls.http, 5, 'exactly one trial reached FC');

  await once(breaker, 'halfOpen');
  fc.setFaults({ errorRate: 0 });
  // Several concurrent requests in half-open: one trial goes to FC, the others are served locally.
  const closed = once(breaker, 'close');
  const answers = await Promise.all([1, 2, 3, 4].map((i) => page(`${gateway.url}/products/103${i}`)));
  await closed;
  t.equal(fc.stats().calls.http, 6, 'one trial among four concurrent requests');
  t.equal(answers.filter((a) => a.renderBy === 'fc').length, 1, 'the trial page came from FC');
  t.ok(answers.every((a) => a.status === 200), 'every page answered 200');

  for (let i = 0; i < 3; i += 1) t.match(await page(`${gateway.url}/products/104${i}`), { renderBy: 'fc' });
  t.equal(fc.stats().calls.http, 9, 'closed: every page goes to FC again');
  metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.match(metrics, /ssr_breaker_state\{site="default",target="fc-http"\} 0/, 'state gauge says closed');
});

t.test('consecutive failures open the breaker even when the window is full of successes', async (t) => {
  const gateway = await startGateway(t, { env: { BREAKER_VOLUME: '5', BREAKER_CONSECUTIVE_FAILURES: '3', BREAKER_RESET_MS: '60000' } });
  for (let i = 0; i < 40; i += 1) t.match(await page(`${gateway.url}/products/11${String(i).padStart(2, '0')}`), { renderBy: 'fc' });
  gateway.fc!.setFaults({ errorRate: 1 });
  const opened = once(gateway.app.fcBreaker!, 'open');
  for (let i = 0; i < 3; i += 1) await page(`${gateway.url}/products/1200`);
  await opened;
  t.pass('3 failures after 40 successes (7 % of the window) opened it');
  t.match(await page(`${gateway.url}/products/1201`), { renderBy: 'local', timing: /BREAKER_OPEN/ });
});

t.test('a burst of timeouts while later calls work is a brownout, not an outage: the breaker stays closed', async (t) => {
  const outcomes = new EventEmitter();
  const gateway = await startGateway(t, {
    emulator: { faults: { hangRate: 1 }, onOutcome: (_kind, outcome) => outcomes.emit(outcome) },
    env: { FC_TIMEOUT_MS: '400', HEDGE_MS: '0', BREAKER_VOLUME: '1000', BREAKER_CONSECUTIVE_FAILURES: '3', BREAKER_RESET_MS: '60000' },
  });
  const breaker = gateway.app.fcBreaker!;
  let opens = 0;
  breaker.on('open', () => { opens += 1; });
  let hung = 0;
  const fourHung = new Promise<void>((resolve) => outcomes.on('hang', () => { hung += 1; if (hung === 4) resolve(); }));
  const slow = [1, 2, 3, 4].map((i) => page(`${gateway.url}/products/130${i}`));
  await fourHung;
  gateway.fc!.setFaults({ hangRate: 0 });
  t.match(await page(`${gateway.url}/products/1310`), { renderBy: 'fc' }, 'a call sent after them works');
  const answers = await Promise.all(slow);
  t.ok(answers.every((a) => a.status === 200 && a.renderBy === 'local' && /FC_TIMEOUT/.test(a.timing)), 'the 4 slow calls timed out and fell back');
  t.equal(opens, 0, '4 timeouts in a row did not open the breaker (limit 3): a call sent later had worked');
  t.match(await page(`${gateway.url}/products/1311`), { renderBy: 'fc' }, 'FC keeps serving');

  gateway.fc!.setFaults({ errorRate: 1 });
  const opened = once(breaker, 'open');
  for (let i = 0; i < 3; i += 1) await page(`${gateway.url}/products/132${i}`);
  await opened;
  t.pass('3 failures with nothing working after them open it');
});
