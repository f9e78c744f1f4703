/**
 * Without `SITES_FILE` the gateway serves one site, built here from the single-site variables exactly as
 * it ran before sites existed: every host, canonical URLs on SITE_ORIGIN, one FC target (FC_URL, or
 * FC_TRANSPORT=sdk) named as its metrics have always been labelled (`fc-http`, `fc-sdk`), and the fallback
 * FALLBACK_URL or the in-process render.
 */
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { deepFreeze } from '../value-checks.js';
import { ENVIRONMENT_SITE, type FallbackConfig, type SitesConfig, type TargetConfig } from './site-config.js';

/** The `target` label of the FC_URL target (metrics, logs, spans): unchanged from the single-target gateway. */
export const ENVIRONMENT_HTTP_TARGET = 'fc-http';
/** The `target` label of the FC_TRANSPORT=sdk target. */
export const ENVIRONMENT_SDK_TARGET = 'fc-sdk';

function targetsOf(config: Config, fcUrl: string | undefined): TargetConfig[] {
  if (config.offload === 'local-only') return [];
  const timeoutMs = config.fc.timeoutMs;
  if (config.fc.transport === 'sdk' && config.fc.sdk) return [{ name: ENVIRONMENT_SDK_TARGET, transport: 'sdk', timeoutMs, sdk: config.fc.sdk }];
  const url = fcUrl ?? config.fc.url;
  if (url === undefined) throw new ConfigError('FC_URL', `is required for OFFLOAD=${config.offload} with FC_TRANSPORT=http (or leave EMULATOR on)`);
  return [{ name: ENVIRONMENT_HTTP_TARGET, transport: 'http', timeoutMs, url }];
}

/**
 * The single site of a gateway without SITES_FILE: `default`, no hosts, the default site (so it serves
 * every host), health checks off (the breaker alone decides, as before).
 * @param fcUrl the embedded emulator's URL, known only once it listens; wins over FC_URL.
 * @throws ConfigError (FC_URL) when an http target is needed and no URL is known.
 * @example const sites = config.sites.initial ?? siteFromEnvironment(config, emulator?.url);
 */
export function siteFromEnvironment(config: Config, fcUrl?: string): SitesConfig {
  const fallback: FallbackConfig = config.fallbackUrl === undefined
    ? { kind: 'local' }
    : { kind: 'url', url: config.fallbackUrl, timeoutMs: config.fallbackTimeoutMs };
  return deepFreeze({
    source: 'environment',
    sites: [{
      name: ENVIRONMENT_SITE,
      hosts: [],
      default: true,
      origin: config.siteOrigin,
      targets: targetsOf(config, fcUrl),
      fallback,
      healthCheck: undefined,
    }],
  });
}
