#!/usr/bin/env node
/**
 * `node scripts/screenshot-status.mjs [out.png]` (after `npm run build`): the README's status-page
 * screenshot, taken the way a newcomer would see it. Starts the built gateway in front of the FC
 * emulator on loopback, sends ~25 s of page traffic while the emulator browns out (20 % 5xx, 20 % slow
 * calls), and photographs `/status` from the admin listener with Debian's chromium.
 * Default output: docs/images/status-page.png.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'docs/images/status-page.png');
const { startEmulator } = await import(join(root, 'dist/node/functions/emulator/index.js'));
const { loadConfig } = await import(join(root, 'dist/node/server/config.js'));
const { buildGateway } = await import(join(root, 'dist/node/server/gateway.js'));

process.env.SITE_ORIGIN ??= 'https://shop.example.com';
const fc = await startEmulator({ faults: { latencyMs: 15 } });
const config = loadConfig({ ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'silent', FC_URL: fc.url, HEDGE_MS: '300', FC_TIMEOUT_MS: '2000', NODE_ENV: 'production' });
const app = buildGateway(config, { defaultMetrics: false, emulatorUrl: fc.url });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
const adminUrl = await app.admin.listen({ host: '127.0.0.1', port: 0 });

let running = true;
async function client() {
  while (running) {
    const id = 1001 + Math.floor(Math.random() * 60);
    await fetch(`${url}/products/${id}`).then((r) => r.arrayBuffer()).catch(() => undefined);
  }
}
const clients = Array.from({ length: 4 }, client);
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
await wait(10_000);
fc.setFaults({ errorRate: 0.2, slowRate: 0.2, slowMs: 800 });
await wait(15_000);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
await page.goto(`${adminUrl}/status`);
await page.locator('[data-target]').first().waitFor();
await page.locator('#emulator:not([hidden])').waitFor();
await wait(1500);
await page.screenshot({ path: out, fullPage: true });
console.log(`screenshot-status: ${out}`);
running = false;
await Promise.all(clients);
await browser.close();
await app.close();
await fc.close();
