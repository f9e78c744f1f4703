/**
 * The one start-up line that says what is in force: role, policy, which FC target (or the embedded
 * emulator), hedging, breaker, cache, tracing, the admin URL and the page URL to open. Logged once by
 * main.ts after both listeners are up; its fields are the same facts for log search. Never a secret:
 * no Redis URL (it may carry a password), no token, no OTLP headers.
 */
import type { Config } from './config.js';

export interface StartupFacts {
  /** Where a browser on this machine opens the site. */
  pageUrl: string;
  adminUrl: string | undefined;
  /** The embedded FC emulator's URL, when `npm start` runs one. */
  emulatorUrl: string | undefined;
}

function fcTarget(config: Config, emulatorUrl: string | undefined): string {
  if (config.role !== 'gateway') return 'n/a';
  if (config.offload === 'local-only') return 'none (local-only)';
  if (emulatorUrl) return `embedded emulator at ${emulatorUrl}`;
  const initial = config.sites.initial;
  if (initial) {
    const targets = initial.sites.reduce((sum, site) => sum + site.targets.length, 0);
    return `${initial.sites.length} site(s), ${targets} target(s) from ${config.sites.file}`;
  }
  if (config.fc.transport === 'sdk' && config.fc.sdk) return `InvokeFunction ${config.fc.sdk.functionName} at ${config.fc.sdk.endpoint}`;
  return config.fc.url ?? 'none';
}

/**
 * @example
 * const { message, fields } = startupSummary(config, { pageUrl: 'http://localhost:3000', adminUrl, emulatorUrl });
 * app.log.info(fields, message);
 */
export function startupSummary(config: Config, facts: StartupFacts): { message: string; fields: Record<string, unknown> } {
  const traces = config.telemetry ? `traces to ${new URL(config.telemetry.tracesEndpoint).origin}` : 'traces off';
  const parts = [`ssr-offload ${config.role} ready`, `open ${facts.pageUrl}/`];
  const fields: Record<string, unknown> = { role: config.role, pageUrl: `${facts.pageUrl}/`, tracing: config.telemetry ? new URL(config.telemetry.tracesEndpoint).origin : false };
  if (config.role === 'gateway') {
    const fc = fcTarget(config, facts.emulatorUrl);
    const { hedge } = config;
    const hedging = hedge.mode === 'off' ? 'hedging off'
      : hedge.mode === 'fixed' ? `hedge after ${hedge.delayMs} ms` : `hedge delay learned from FC's latency (${hedge.delayMs} ms until learned)`;
    const { errorThresholdPercentage, volumeThreshold, consecutiveFailures, resetTimeoutMs } = config.breaker;
    const breaker = `breaker opens at ${errorThresholdPercentage}% of >= ${volumeThreshold} calls${consecutiveFailures ? ` or ${consecutiveFailures} in a row` : ''}, retries after ${resetTimeoutMs / 1000} s`;
    const cacheMb = config.cache.l1Bytes / 1024 / 1024;
    const cache = cacheMb > 0 ? `cache ${cacheMb} MB in-process${config.cache.redisUrl ? ' + Redis' : ''}` : config.cache.redisUrl ? 'cache Redis only' : 'cache off';
    const admin = facts.adminUrl ? `status page ${facts.adminUrl}/status` : 'admin listener off';
    const { renderThreads, renderThreadsSetting, cpus } = config.local;
    const threads = `${renderThreads === 0 ? 'local renders on the event loop' : `${renderThreads} render thread${renderThreads === 1 ? '' : 's'}`}${renderThreadsSetting === 'auto' ? ` (auto: ${cpus} CPU${cpus === 1 ? '' : 's'})` : ''}`;
    parts.push(`policy ${config.offload}`, `FC ${fc}`, hedging, breaker, cache, threads, traces, admin);
    Object.assign(fields, {
      policy: config.offload, fc, hedgeMs: config.hedge.delayMs, hedgeMode: config.hedge.mode, breaker: { errorThresholdPercentage, volumeThreshold, consecutiveFailures, resetTimeoutMs },
      cacheMb, cacheRedis: config.cache.redisUrl !== undefined, renderThreads, adminUrl: facts.adminUrl,
    });
  } else {
    parts.push(traces);
  }
  return { message: parts.join(' · '), fields };
}

/** A browser-friendly URL for a listen address: `0.0.0.0`/`::` become `localhost`. */
export function browsableUrl(address: string | { address: string; family: string; port: number } | null): string | undefined {
  if (!address || typeof address === 'string') return undefined;
  const host = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
