/**
 * One codebase, built twice: a page rendered by the FC function bundle (behind the emulator, via the
 * gateway) hydrates in chromium with the gateway's client assets, with no console error or mismatch;
 * and a page the gateway rendered locally after an FC failure hydrates the same way.
 */
import t from 'tap';
import { existsSync } from 'node:fs';
import { chromium, type ConsoleMessage } from 'playwright-core';
import { startGateway } from '../helpers/gateway.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

t.test('FC-rendered and fallback pages hydrate cleanly', async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.fail(`chromium not found at ${CHROMIUM}: run .ci/run (it installs Debian's chromium) or set CHROMIUM_PATH`);
    return;
  }
  // HEDGE_MS 0: the first page must come from FC; a hedge would let its slow cold start lose to the local render.
  const gateway = await startGateway(t, { env: { OFFLOAD: 'fc-first', FC_TIMEOUT_MS: '5000', BREAKER_VOLUME: '1000', HEDGE_MS: '0' } });
  t.ok(existsSync('dist/function/index.mjs'), 'the emulator runs the built function bundle (npm run build)');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  t.teardown(() => browser.close());

  for (const [label, faults, renderBy] of [['FC', { errorRate: 0 }, 'fc'], ['local fallback', { errorRate: 1 }, 'local']] as const) {
    gateway.fc!.setFaults(faults);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' || /hydrat|mismatch/i.test(message.text())) problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    const failed: string[] = [];
    page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`); });
    const response = await page.goto(`${gateway.url}/products/1008`);
    t.equal(response?.status(), 200, `${label}: 200`);
    t.equal(await response?.headerValue('x-render-by'), renderBy, `${label}: rendered by ${renderBy}`);
    t.equal(await response?.headerValue('content-disposition'), null, `${label}: no FC content-disposition (the browser would download the page)`);
    await page.waitForSelector('html[data-hydrated="true"]');
    t.same(problems, [], `${label}: no console error or hydration warning`);
    t.same(failed, [], `${label}: every asset loaded from the gateway`);
    await page.close();
  }
});
