/**
 * The status page in a real browser (Debian's chromium via playwright-core), served by the admin
 * listener of a gateway in front of the FC emulator: it shows the FC target healthy, the page's own
 * controls send traffic and break FC, the breaker turns open with FC_5XX fallbacks within seconds, and
 * after "Healthy FC" one trial call closes it again. No console error at any point.
 */
import { existsSync } from 'node:fs';
import t from 'tap';
import { chromium, type ConsoleMessage } from 'playwright-core';
import { startEmulator } from '../../functions/emulator/index.js';
import { startGateway } from '../helpers/gateway.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

t.test('status page follows a fault and the recovery', async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.fail(`chromium not found at ${CHROMIUM}: run .ci/run (it installs Debian's chromium) or set CHROMIUM_PATH`);
    return;
  }
  const fc = await startEmulator();
  t.teardown(() => fc.close());
  const gateway = await startGateway(t, {
    emulator: false,
    env: { FC_URL: fc.url, HEDGE_MS: '0', FC_TIMEOUT_MS: '3000', BREAKER_RESET_MS: '1000' },
    deps: { emulatorUrl: fc.url },
  });
  t.ok(gateway.adminUrl, 'admin listener up');
  const publicStatus = await fetch(`${gateway.url}/status`);
  t.equal(publicStatus.status, 404, 'the public port does not serve the status page');
  await publicStatus.arrayBuffer();

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));

  // A preset button answers the click at once and PUTs the knobs in the background: wait for that answer.
  const applyPreset = async (name: string) => {
    const applied = page.waitForResponse((answer) => answer.url().endsWith('/status/emulator/faults') && answer.request().method() === 'PUT');
    await page.click(`[data-preset="${name}"]`);
    t.equal((await applied).status(), 200, `preset "${name}" applied`);
  };

  const response = await page.goto(`${gateway.adminUrl}/status`);
  t.equal(response?.status(), 200);
  const card = page.locator('[data-target="fc-http"]');
  await card.locator('[data-breaker="closed"]').waitFor();
  await card.locator('[data-health="healthy"]').waitFor();
  t.pass('FC target shown closed and healthy');

  await page.locator('#emulator:not([hidden])').waitFor();
  await page.click('#traffic');
  await page.waitForFunction(() => /[1-9]/.test(document.querySelector('[data-tile="from FC"] .value')?.textContent ?? ''));
  t.pass('demo traffic is served by FC');

  await applyPreset('FC down (all 5xx)');
  t.equal((await fc.faults()).errorRate, 1, 'the control reached the emulator');
  await card.locator('[data-breaker="open"]').waitFor({ timeout: 20_000 });
  await page.locator('[data-reason="FC_5XX"]').waitFor();
  t.match(await page.locator('#headline-text').textContent(), /breaker open/i, 'headline says the breaker is open');
  t.match(await page.locator('[data-tile="local"] .value').textContent(), /[1-9]/, 'pages are rendered locally');

  await applyPreset('Healthy FC');
  t.equal((await fc.faults()).errorRate, 0);
  await card.locator('[data-breaker="closed"]').waitFor({ timeout: 20_000 });
  t.pass('one trial call closed the breaker and the page shows it');
  await page.click('#traffic');
  t.same(problems, [], 'no console error');
});
