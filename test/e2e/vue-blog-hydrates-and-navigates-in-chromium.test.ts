/**
 * examples/vue-blog, served through the plug (ROLE=renderer, SSR_APP=examples/vue-blog) with its own
 * client build: chromium hydrates the server's markup from the embedded state without console errors or
 * mismatch warnings, and a link navigates client-side with the route's data loaded in the browser.
 */
import { existsSync } from 'node:fs';
import { chromium, type ConsoleMessage } from 'playwright-core';
import t from 'tap';
import { loadConfig } from '../../server/config.js';
import { buildRenderer } from '../../server/renderer.js';
import { EXAMPLE_DIR, assertExampleBuilt } from '../helpers/example-app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

t.test('the example hydrates and navigates without a reload', async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.fail(`chromium not found at ${CHROMIUM}: run .ci/run (it installs Debian's chromium) or set CHROMIUM_PATH`);
    return;
  }
  assertExampleBuilt();
  const app = buildRenderer(loadConfig({ ROLE: 'renderer', LOG_LEVEL: 'silent', SITE_ORIGIN: 'https://blog.example.com', SSR_APP: EXAMPLE_DIR }));
  const pageRequests: string[] = [];
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/assets/')) pageRequests.push(request.url);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => app.close());
  const { port } = app.server.address() as { port: number };

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || /hydrat|mismatch/i.test(message.text())) problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  const failed: string[] = [];
  page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`); });

  const response = await page.goto(`http://127.0.0.1:${port}/`);
  t.equal(response?.status(), 200);
  await page.waitForSelector('html[data-hydrated="true"]');
  t.same(problems, [], 'no console error or hydration warning');
  t.same(failed, [], 'every asset of the example loaded');
  t.equal(await page.locator('ul.notes li').count(), 3);

  await page.evaluate(() => { (window as unknown as { marker: number }).marker = 7; });
  const requestsBefore = pageRequests.length;
  await page.locator('ul.notes li a', { hasText: 'Breakers and hedges' }).click();
  await page.waitForURL(/\/notes\/breakers-and-hedges$/);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Breakers and hedges');
  t.equal(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 7, 'same document: no full reload');
  t.equal(pageRequests.length, requestsBefore, 'the server was not asked for the next page');
  t.same(problems, [], 'still no console error after navigating');
});
