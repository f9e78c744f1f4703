/**
 * A real gateway routing by a real sites file (written to a temporary directory, as a ConfigMap volume
 * would hold it) in front of one in-process FC emulator per "region". `sites(urls)` gets each region's URL
 * by name and returns the file's `sites` list.
 */
import { mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { stringify } from 'yaml';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../functions/emulator/index.js';
import { loadConfig } from '../../server/config.js';
import { buildGateway, type GatewayDeps } from '../../server/gateway.js';

export interface SitesGatewayOptions {
  /** Emulators by region name (each its own FC). */
  regions?: Record<string, EmulatorOptions>;
  sites: (regionUrls: Record<string, string>) => unknown[];
  env?: Record<string, string>;
  deps?: GatewayDeps;
  /**
   * Lay the file out as a ConfigMap volume does: `sites.yaml -> ..data/sites.yaml`, `..data -> ..<version>/`,
   * and write() swaps the `..data` symlink atomically (the kubelet's atomic writer), never the file itself.
   */
  configMapVolume?: boolean;
}

export interface SitesGatewayUnderTest {
  url: string;
  adminUrl: string;
  app: FastifyInstance;
  regions: Record<string, Emulator>;
  /** The sites file's path (its directory is watched). */
  file: string;
  /** Write new sites to the file, in place. */
  write(sites: unknown[]): void;
}

export async function startSitesGateway(t: Test, options: SitesGatewayOptions): Promise<SitesGatewayUnderTest> {
  process.env.SITE_ORIGIN ??= 'https://shop.example.com';
  const regions: Record<string, Emulator> = {};
  for (const [name, emulatorOptions] of Object.entries(options.regions ?? {})) {
    const fc = await startEmulator(emulatorOptions);
    t.teardown(() => fc.close());
    regions[name] = fc;
  }
  const urls = Object.fromEntries(Object.entries(regions).map(([name, fc]) => [name, fc.url]));
  const dir = mkdtempSync(join(tmpdir(), 'ssr-sites-'));
  const file = join(dir, 'sites.yaml');
  let versions = 0;
  const write = (sites: unknown[]) => {
    if (!options.configMapVolume) return writeFileSync(file, stringify({ sites }));
    versions += 1;
    const version = `..2026_12_01_00_00_0${versions}.${process.pid}`;
    mkdirSync(join(dir, version));
    writeFileSync(join(dir, version, 'sites.yaml'), stringify({ sites }));
    symlinkSync(version, join(dir, '..data_tmp'));
    renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
    if (versions === 1) symlinkSync('..data/sites.yaml', file);
  };
  write(options.sites(urls));
  const config = loadConfig({
    ROLE: 'gateway',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    EMULATOR: 'off',
    FC_TIMEOUT_MS: '500',
    ADMIN_PORT: '0',
    WARMUP_TIMEOUT_MS: '0',
    CACHE_MB: '0',
    SITES_FILE: file,
    ...options.env,
  });
  const app = buildGateway(config, { defaultMetrics: false, ...options.deps });
  t.teardown(() => app.close());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const adminUrl = await app.admin!.listen({ host: '127.0.0.1', port: 0 });
  return { url, adminUrl, app, regions, file, write };
}

/** GET a page with a given Host header (fetch cannot set Host; node:http can). */
export async function getWithHost(baseUrl: string, path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { request } = await import('node:http');
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'GET', headers: { host, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolve once `condition()` holds, checking after every event-loop turn that may have changed it. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
