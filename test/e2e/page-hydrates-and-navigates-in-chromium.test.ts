/**
 * A real browser (Debian's chromium, driven by playwright-core) loads a server-rendered page, hydrates
 * it without console errors or hydration-mismatch warnings, and navigates client-side.
 */
import t from 'tap';
import { existsSync } from 'node:fs';
import { chromium, type ConsoleMessage } from 'playwright-core';
import { loadConfig } from '../../server/config.js';
import { buildRenderer } from '../../server/renderer.js';
import { loadClientBuild } from '../../server/client-build.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

t.test('a category page hydrates cleanly and a product link navigates without a reload', async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.fail(`chromium not found at ${CHROMIUM}: run .ci/run (it installs Debian's chromium) or set CHROMIUM_PATH`);
    return;
  }
  const clientBuild = loadClientBuild();
  t.ok(clientBuild, 'client build present (npm run build)');
  const app = buildRenderer(loadConfig({ ROLE: 'renderer', LOG_LEVEL: 'silent', SITE_ORIGIN: 'https://shop.example.com' }), { clientBuild });
  const pageRequests: string[] = [];
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/assets/')) pageRequests.push(request.url);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => app.close());
  const { port } = app.server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || /hydrat|mismatch/i.test(message.text())) problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  const failedAssets: string[] = [];
  page.on('response', (response) => { if (response.status() >= 400) failedAssets.push(`${response.status()} ${response.url()}`); });

  const response = await page.goto(`${origin}/category/shoes?page=2`);
  t.equal(response?.status(), 200);
  await page.waitForSelector('html[data-hydrated="true"]');
  t.same(problems, [], 'no console error or hydration warning');
  t.same(failedAssets, [], 'every asset loaded');
  t.equal(await page.locator('article.card').count(), 48);

  await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });
  const firstCard = page.locator('article.card a.card-link').first();
  const productName = (await firstCard.locator('h3').textContent())!;
  const requestsBefore = pageRequests.length;
  await firstCard.click();
  await page.waitForURL(/\/products\/\d+$/);
  await page.waitForFunction((name) => document.querySelector('h1')?.textContent === name, productName);
  t.equal(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 42, 'same document: no full reload');
  t.equal(pageRequests.length, requestsBefore, 'the server saw no page request for the navigation');
  await page.waitForFunction((name) => document.title.startsWith(name), productName);
  t.match(await page.getAttribute('link[rel="canonical"]', 'href'), /^https:\/\/shop\.example\.com\/products\/\d+$/, 'canonical updated client-side');

  await page.goBack();
  await page.waitForURL(/\/category\/shoes\?page=2$/);
  await page.waitForFunction(() => document.querySelectorAll('article.card').length === 48);
  t.same(problems, [], 'still no console errors after navigating');
});
