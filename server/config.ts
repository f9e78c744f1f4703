/**
 * Configuration: every environment variable ssr-offload reads, its default and its validation, in one
 * place. `loadConfig(env)` is called once by each entry point (never with a hidden `process.env` read
 * elsewhere) and returns a deep-frozen, typed object. An invalid value throws `SSR_ERR_CONFIG` with the
 * variable's name in the message, so start-up stops with an answer a human can act on.
 *
 * This module must stay free of Fastify: the FC function bundle imports it.
 */
import { resolve } from 'node:path';
import { autoRenderThreads, availableCpus } from './available-cpus.js';
import { ConfigError } from './errors.js';
import { TELEMETRY_VARIABLES, telemetryConfig, type TelemetryConfig } from './telemetry/telemetry-config.js';
import { readSitesFileSync, type SiteDefaults } from './sites/sites-file.js';
import type { SitesConfig } from './sites/site-config.js';
import { checkHttpUrl, checkSdkTarget, deepFreeze, type RejectValue, type SdkTarget, type SdkTargetFields } from './value-checks.js';

export type Role = 'gateway' | 'renderer' | 'function';
export type OffloadPolicy = 'fc-first' | 'local-first' | 'local-only';
export type FcTransport = 'http' | 'sdk';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
/** `json`: one JSON object per line (production, log aggregation); `pretty`: pino-pretty, for a terminal. */
export type LogFormat = 'json' | 'pretty';

export interface ProxyRoute {
  /** Path prefix, always starting with `/` and never ending with `/` (except the root, which is refused). */
  readonly prefix: string;
  /** Upstream origin (plus optional base path); only http(s). */
  readonly upstream: string;
}

export type { SdkTarget } from './value-checks.js';

export interface Config {
  readonly role: Role;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  /** Absolute origin used for canonical and Open Graph URLs; never derived from the request's Host. */
  readonly siteOrigin: string;
  readonly offload: OffloadPolicy;
  readonly fc: {
    readonly transport: FcTransport;
    /** HTTP-trigger URL (transport `http`). Undefined with the emulator until main starts it. */
    readonly url: string | undefined;
    /** True when no FC target is configured and `npm start` runs the local FC emulator. */
    readonly useEmulator: boolean;
    readonly sdk: SdkTarget | undefined;
    readonly timeoutMs: number;
    readonly forwardCookies: boolean;
  };
  /** fc-first hedging: start a local render when FC has not answered after a delay. */
  readonly hedge: {
    /** `off` (HEDGE_MS=0), `fixed` (HEDGE_MS=<n>), `adaptive` (HEDGE_MS unset or `auto`, the fc-first default). */
    readonly mode: 'off' | 'fixed' | 'adaptive';
    /** The fixed delay, or the adaptive mode's delay until its window holds enough FC successes; 0 when off. */
    readonly delayMs: number;
    /** Share of FC calls that may cost a wasted local render (the hedge budget), 0–1. */
    readonly maxExtraLoad: number;
    /** Sliding window of FC latencies the adaptive delay is learned from. */
    readonly windowMs: number;
  };
  readonly breaker: {
    readonly errorThresholdPercentage: number;
    readonly volumeThreshold: number;
    readonly resetTimeoutMs: number;
    readonly rollingWindowMs: number;
    /** Open at once after this many failures in a row, whatever the window's percentage (0 = off). */
    readonly consecutiveFailures: number;
    /** A call slower than this counts as slow (failed or not). */
    readonly slowCallMs: number;
    /** Open when more than this percentage of the window's calls were slow (100 = off). */
    readonly slowCallPercent: number;
    /** Calls the window must hold before the slow-call share may open the breaker. */
    readonly slowCallVolume: number;
  };
  readonly local: {
    /** In-flight local renders above which local-first spills to FC and hedges are refused. */
    readonly maxInflight: number;
    /** Event-loop delay (ms) above which the pod counts as saturated. */
    readonly maxEventLoopDelayMs: number;
    /** Renders that may wait for a slot (beyond `maxInflight` running); more are shed. */
    readonly queueMax: number;
    /** Longest wait for a render slot before the request is shed. */
    readonly queueTimeoutMs: number;
    /** Worker threads the gateway renders its local pages on (0 = on the event loop), `auto` resolved. */
    readonly renderThreads: number;
    /** What `LOCAL_RENDER_THREADS` said (`auto` = from the CPUs available: server/available-cpus.ts). */
    readonly renderThreadsSetting: 'auto' | number;
    /** The CPUs `auto` counted (undefined when a number was set). */
    readonly cpus: number | undefined;
  };
  /** Renderer Service used instead of the in-process render as the fallback target. */
  readonly fallbackUrl: string | undefined;
  /** Deadline for one render on the FALLBACK_URL renderer Service. */
  readonly fallbackTimeoutMs: number;
  /** The render cache (server/cache/): L1 in this process, optional Redis L2 shared by every pod. */
  readonly cache: CacheConfig;
  /**
   * One deadline for a whole proxied exchange (PROXY_ROUTES): from the request's arrival, through its
   * body, to the end of the answer.
   */
  readonly proxyTimeoutMs: number;
  /** Largest request body a proxied route accepts (413 above it). */
  readonly proxyBodyLimitBytes: number;
  readonly proxyRoutes: readonly ProxyRoute[];
  /**
   * How many proxies in front of this process write `X-Forwarded-*` that may be believed (0 = none:
   * the peer address, the connection's scheme and `Host` are the facts).
   */
  readonly trustProxyHops: number;
  /** Node HTTP server timeouts (see server/server-timeouts.ts). */
  readonly http: {
    /** Longest time a client may take to send its request head (slowloris). */
    readonly headersTimeoutMs: number;
    /** Idle keep-alive connections close after this; keep it above the upstream keep-alive of the proxy in front. */
    readonly keepAliveTimeoutMs: number;
  };
  /** Longest time SIGTERM waits (delay + drain + close) before the process exits anyway. */
  readonly shutdownGraceMs: number;
  /** After SIGTERM, keep accepting (readiness already 503) this long, while load balancers stop routing here. */
  readonly shutdownDelayMs: number;
  /** Before `/readyz` says ready: render these paths in-process (and, on the gateway, open FC connections). */
  readonly warmUp: {
    readonly paths: readonly string[];
    /** Upper bound for the whole warm-up; 0 = no warm-up (ready at once). */
    readonly timeoutMs: number;
  };
  /**
   * The operator listener (gateway role): `/metrics` and every operator endpoint, never on the public
   * port. `port` undefined = `ADMIN_PORT=off` (no admin listener); `0` = a free port.
   */
  readonly admin: {
    readonly host: string;
    readonly port: number | undefined;
    /** Bearer token for mutating admin endpoints; undefined = they answer 403. */
    readonly token: string | undefined;
  };
  /** OpenTelemetry tracing from the standard `OTEL_*` variables; undefined = off (no endpoint). */
  readonly telemetry: TelemetryConfig | undefined;
  /** Sites and their targets (gateway): `SITES_FILE`, `SITES_LOOKUP_*`; see docs/sites.md. */
  readonly sites: {
    /** Absolute path of `SITES_FILE`; undefined = one site from the single-site variables (environment-site.ts). */
    readonly file: string | undefined;
    /** The sites file as read at start-up; undefined without SITES_FILE. */
    readonly initial: SitesConfig | undefined;
    /** What sites leave out (FC_TIMEOUT_MS, FALLBACK_TIMEOUT_MS, OFFLOAD), for reloads and lookup answers. */
    readonly defaults: SiteDefaults;
    /** The per-host lookup API (`SITES_LOOKUP_URL`); undefined = none. */
    readonly lookup: SitesLookupConfig | undefined;
  };
  /** The app the hosts render (server/ssr-app.ts resolves it): `SSR_APP`, `SSR_CLIENT_DIR`. */
  readonly ssrApp: {
    /** App directory, module path or package name; undefined = this repository's app (the demo shop). */
    readonly spec: string | undefined;
    /** Overrides where the app's Vite client build is. */
    readonly clientDir: string | undefined;
    /** `SSR_APP=off`: no in-process app (gateway with FC and FALLBACK_URL only). */
    readonly off: boolean;
  };
}

/**
 * `SITES_LOOKUP_URL`: `GET {url}?host=<host>` answers one site object (200) or no such site (404), cached
 * like lua-resty-mlcache's `ttl`, `neg_ttl` and `resurrect_ttl` (docs/sources.md#mlcache).
 */
export interface SitesLookupConfig {
  readonly url: string;
  /** How long a found site is used before it is asked again. */
  readonly ttlMs: number;
  /** How long "no such site" (404) is believed. */
  readonly negativeTtlMs: number;
  /** How long past its expiry the last good answer is still served while the API fails. */
  readonly staleMs: number;
  /** Deadline of one lookup call. */
  readonly timeoutMs: number;
}

export interface CacheConfig {
  /** L1 budget in bytes (`CACHE_MB`; 0 = no in-process tier). */
  readonly l1Bytes: number;
  /** `redis://` or `rediss://` URL of the shared L2 (may carry a password: never logged). */
  readonly redisUrl: string | undefined;
  /** Deadline for one Redis command; a slower Redis counts as down for that request. */
  readonly redisTimeoutMs: number;
  /** Namespace of every key and channel in Redis, so several apps can share one server. */
  readonly redisPrefix: string;
  /** Query parameters removed from the key and from the URL the renderer sees (`utm_*` = prefix). */
  readonly ignoreParams: readonly string[];
  /** Start-up warnings about deprecated variables (the gateway logs them once). */
  readonly deprecations: readonly string[];
}

/** Environment as handed to `loadConfig`; only string values matter. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Every variable `loadConfig` reads, with its default as documented in the README (tested). */
export const CONFIG_VARIABLES = [
  'ROLE', 'HOST', 'PORT', 'LOG_LEVEL', 'LOG_FORMAT', 'SITE_ORIGIN', 'OFFLOAD', 'FC_URL', 'FC_TRANSPORT', 'FC_TIMEOUT_MS',
  'FC_FORWARD_COOKIES', 'FC_ACCOUNT_ID', 'FC_REGION', 'FC_FUNCTION_NAME', 'FC_QUALIFIER', 'FC_ENDPOINT',
  'FC_INTERNAL', 'HEDGE_MS', 'HEDGE_MAX_EXTRA_LOAD', 'HEDGE_WINDOW_MS', 'BREAKER_ERROR_PERCENT', 'BREAKER_VOLUME',
  'BREAKER_RESET_MS', 'BREAKER_WINDOW_MS', 'BREAKER_CONSECUTIVE_FAILURES', 'BREAKER_SLOW_CALL_MS', 'BREAKER_SLOW_CALL_PERCENT',
  'BREAKER_SLOW_CALL_VOLUME', 'LOCAL_MAX_INFLIGHT', 'LOCAL_MAX_EVENT_LOOP_DELAY_MS', 'LOCAL_QUEUE_MAX', 'LOCAL_QUEUE_TIMEOUT_MS',
  'LOCAL_RENDER_THREADS',
  'FALLBACK_URL', 'FALLBACK_TIMEOUT_MS',
  'CACHE_MB', 'CACHE_REDIS_URL', 'CACHE_REDIS_TIMEOUT_MS', 'CACHE_REDIS_PREFIX', 'CACHE_IGNORE_PARAMS', 'STALE_CACHE_MB',
  'PROXY_ROUTES', 'PROXY_TIMEOUT_MS', 'PROXY_BODY_LIMIT_BYTES', 'TRUST_PROXY_HOPS', 'HTTP_HEADERS_TIMEOUT_MS',
  'HTTP_KEEP_ALIVE_TIMEOUT_MS', 'SHUTDOWN_GRACE_MS', 'SHUTDOWN_DELAY_MS', 'WARMUP_PATHS', 'WARMUP_TIMEOUT_MS', 'EMULATOR',
  'ADMIN_HOST', 'ADMIN_PORT', 'ADMIN_TOKEN',
  ...TELEMETRY_VARIABLES,
  'SSR_APP', 'SSR_CLIENT_DIR',
  'SITES_FILE', 'SITES_LOOKUP_URL', 'SITES_LOOKUP_TTL_MS', 'SITES_LOOKUP_NEGATIVE_TTL_MS', 'SITES_LOOKUP_STALE_MS', 'SITES_LOOKUP_TIMEOUT_MS',
] as const;

const ROLES: readonly Role[] = ['gateway', 'renderer', 'function'];
const POLICIES: readonly OffloadPolicy[] = ['fc-first', 'local-first', 'local-only'];
const TRANSPORTS: readonly FcTransport[] = ['http', 'sdk'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];
/**
 * The adaptive hedge's delay until its window holds enough FC successes (and the old fixed default): well above
 * a warm FC render, below a cold start.
 */
const DEFAULT_HEDGE_MS = 500;

function raw(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(' | ')}, got "${value}"`);
  }
  return value as T;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) throw new ConfigError(name, `must be an integer, got "${value}"`);
  const parsed = Number(value);
  if (parsed < min || parsed > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${parsed}`);
  return parsed;
}

/** What a boolean variable accepts (any case), and exactly what its error message lists. */
const TRUE_VALUES = ['true', '1', 'on'];
const FALSE_VALUES = ['false', '0', 'off'];
const FLAG_VALUES = TRUE_VALUES.flatMap((value, i) => [value, FALSE_VALUES[i]!]).join(', ');

/**
 * A boolean variable's value: `true`, `1`, `on` or `false`, `0`, `off` (any case), nothing else.
 * @throws ConfigError listing exactly those values.
 */
export function parseFlag(name: string, value: string): boolean {
  const lower = value.trim().toLowerCase();
  if (TRUE_VALUES.includes(lower)) return true;
  if (FALSE_VALUES.includes(lower)) return false;
  throw new ConfigError(name, `must be one of ${FLAG_VALUES}; got "${value.trim()}"`);
}

/** A decimal number such as `0.05`, within [min, max]. */
function decimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(value)) throw new ConfigError(name, `must be a decimal number such as 0.05, got "${value}"`);
  const parsed = Number(value);
  if (parsed < min || parsed > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${parsed}`);
  return parsed;
}

/**
 * `HEDGE_MS`: unset or `auto` = adaptive (fc-first's default), `<n>` = fixed delay, `0` = off. The adaptive mode
 * starts from the fixed default (500 ms, or half of a shorter FC_TIMEOUT_MS) until it has learned FC's latency.
 */
function hedge(env: Env, offload: OffloadPolicy, timeoutMs: number): Config['hedge'] {
  const value = raw(env, 'HEDGE_MS')?.toLowerCase();
  const maxExtraLoad = decimal(env, 'HEDGE_MAX_EXTRA_LOAD', 0.05, 0, 1);
  const windowMs = integer(env, 'HEDGE_WINDOW_MS', 10_000, 500, 3_600_000);
  const fallbackMs = Math.min(DEFAULT_HEDGE_MS, Math.floor(timeoutMs / 2));
  if (value === undefined || value === 'auto') {
    if (offload !== 'fc-first') {
      if (value === 'auto') throw new ConfigError('HEDGE_MS', `only applies to OFFLOAD=fc-first (OFFLOAD is ${offload})`);
      return { mode: 'off', delayMs: 0, maxExtraLoad, windowMs };
    }
    return { mode: 'adaptive', delayMs: fallbackMs, maxExtraLoad, windowMs };
  }
  const delayMs = integer(env, 'HEDGE_MS', 0, 0, 600_000);
  if (delayMs === 0) return { mode: 'off', delayMs: 0, maxExtraLoad, windowMs };
  if (offload !== 'fc-first') throw new ConfigError('HEDGE_MS', `only applies to OFFLOAD=fc-first (OFFLOAD is ${offload})`);
  if (delayMs >= timeoutMs) throw new ConfigError('HEDGE_MS', `must be below FC_TIMEOUT_MS (${timeoutMs}), got ${delayMs}`);
  return { mode: 'fixed', delayMs, maxExtraLoad, windowMs };
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const value = raw(env, name);
  return value === undefined ? fallback : parseFlag(name, value);
}

/** Throws the ConfigError of one variable. */
const rejectVariable: RejectValue = (name, problem) => {
  throw new ConfigError(name, problem);
};

function httpUrl(env: Env, name: string, { originOnly = false } = {}): string | undefined {
  const value = raw(env, name);
  return value === undefined ? undefined : checkHttpUrl(value, name, rejectVariable, { originOnly });
}

/**
 * Paths that belong to the admin listener (`/metrics`, `/status`, `/cache/…`, `/sites/…`): the public
 * listener answers them 404, so no proxy route may claim them either.
 */
export const OPERATOR_PATH_PREFIXES = ['/metrics', '/status', '/cache', '/sites'] as const;

function isOperatorPath(prefix: string): boolean {
  return OPERATOR_PATH_PREFIXES.some((reserved) => prefix === reserved || prefix.startsWith(`${reserved}/`));
}

/** Shortest ADMIN_TOKEN accepted: 16 characters (~96 bits as base64) keeps a guessed token out of reach. */
const MIN_ADMIN_TOKEN_LENGTH = 16;

/** `ADMIN_HOST` / `ADMIN_PORT` (`off` = none, `0` = a free port) / `ADMIN_TOKEN`. */
function adminListener(env: Env, publicPort: number): Config['admin'] {
  const host = raw(env, 'ADMIN_HOST') ?? '127.0.0.1';
  const portValue = raw(env, 'ADMIN_PORT');
  const port = portValue?.toLowerCase() === 'off' ? undefined : integer(env, 'ADMIN_PORT', 9464, 0, 65535);
  if (port !== undefined && port !== 0 && port === publicPort) {
    throw new ConfigError('ADMIN_PORT', `must differ from PORT (${publicPort}): operator endpoints never share the public listener`);
  }
  const token = env.ADMIN_TOKEN === undefined || env.ADMIN_TOKEN === '' ? undefined : env.ADMIN_TOKEN;
  if (token !== undefined) {
    // Checked on the untrimmed value: a token with a stray newline from `kubectl create secret --from-file`
    // would never match what a client sends.
    if (!/^[\x21-\x7e]+$/.test(token)) throw new ConfigError('ADMIN_TOKEN', 'must be printable ASCII without spaces or line breaks');
    if (token.length < MIN_ADMIN_TOKEN_LENGTH) throw new ConfigError('ADMIN_TOKEN', `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (e.g. openssl rand -base64 24)`);
  }
  return { host, port, token };
}

/** The shipped shop's home and two product pages: several routes, each with its data load and head tags. */
const DEFAULT_WARMUP_PATHS = ['/', '/products/1001', '/products/1002'];

/** `WARMUP_PATHS=/,/products/1001` (origin-form paths, at most 20) and `WARMUP_TIMEOUT_MS`. */
function warmUpConfig(env: Env): Config['warmUp'] {
  const value = raw(env, 'WARMUP_PATHS');
  const paths = value === undefined ? DEFAULT_WARMUP_PATHS : value.split(',').map((part) => part.trim()).filter(Boolean);
  if (paths.length > 20) throw new ConfigError('WARMUP_PATHS', `lists ${paths.length} paths; at most 20 (warm-up must stay short)`);
  for (const path of paths) {
    if (!path.startsWith('/') || path.startsWith('//') || /[\s\\]/.test(path)) {
      throw new ConfigError('WARMUP_PATHS', `entry "${path}" must be a path such as /products/1001`);
    }
  }
  return { paths, timeoutMs: integer(env, 'WARMUP_TIMEOUT_MS', 5000, 0, 120_000) };
}

/** `PROXY_ROUTES=/api=http://api:8080,/auth=http://auth:80` */
function proxyRoutes(env: Env): ProxyRoute[] {
  const value = raw(env, 'PROXY_ROUTES');
  if (value === undefined) return [];
  const routes: ProxyRoute[] = [];
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new ConfigError('PROXY_ROUTES', `entry "${entry}" must look like /prefix=http://upstream:port`);
    const prefix = entry.slice(0, eq).replace(/\/+$/, '');
    if (!/^\/[A-Za-z0-9._~\-/]+$/.test(prefix) || prefix.includes('//') || prefix.split('/').some((s) => s === '..' || s === '.')) {
      throw new ConfigError('PROXY_ROUTES', `prefix "${entry.slice(0, eq)}" must be a plain absolute path such as /api (not /)`);
    }
    if (prefix === '/assets' || prefix === '/healthz' || prefix === '/readyz' || isOperatorPath(prefix)) {
      throw new ConfigError('PROXY_ROUTES', `prefix "${prefix}" is reserved by the gateway`);
    }
    if (routes.some((route) => route.prefix === prefix)) throw new ConfigError('PROXY_ROUTES', `prefix "${prefix}" appears twice`);
    const upstream = httpUrl({ PROXY_ROUTES: entry.slice(eq + 1) }, 'PROXY_ROUTES');
    routes.push({ prefix, upstream: upstream! });
  }
  return routes;
}

/** Marketing and click-id parameters that never change a page (utm_*, gclid, fbclid, and their kin). */
export const DEFAULT_IGNORE_PARAMS = ['utm_*', 'gclid', 'fbclid', 'msclkid', 'dclid', 'gbraid', 'wbraid', 'yclid', 'mc_cid', 'mc_eid', '_ga', '_gl'] as const;

function ignoreParams(env: Env): string[] {
  const value = raw(env, 'CACHE_IGNORE_PARAMS');
  if (value === undefined) return [...DEFAULT_IGNORE_PARAMS];
  if (value.toLowerCase() === 'none') return [];
  const names = value.split(',').map((part) => part.trim()).filter(Boolean);
  for (const name of names) {
    if (!/^[A-Za-z0-9_.~\-[\]]+\*?$/.test(name)) {
      throw new ConfigError('CACHE_IGNORE_PARAMS', `entry "${name}" must be a parameter name, optionally ending in * (a prefix), or the word none`);
    }
  }
  return names;
}

function redisUrl(env: Env): string | undefined {
  const value = raw(env, 'CACHE_REDIS_URL');
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Never echo the value: it may carry a password.
    throw new ConfigError('CACHE_REDIS_URL', 'must be a redis:// or rediss:// URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError('CACHE_REDIS_URL', `must use redis: or rediss:, got "${url.protocol}"`);
  if (!url.hostname) throw new ConfigError('CACHE_REDIS_URL', 'must name a host');
  return value;
}

/**
 * CACHE_MB, with STALE_CACHE_MB (the last-good copy the cache replaced) kept as an alias for one release:
 * it used to bound the pages served when no renderer answers, which is now the cache's stale-if-error window.
 */
function cacheConfig(env: Env): CacheConfig {
  const deprecations: string[] = [];
  let megabytes = integer(env, 'CACHE_MB', 64, 0, 65_536);
  if (raw(env, 'STALE_CACHE_MB') !== undefined) {
    const alias = integer(env, 'STALE_CACHE_MB', 64, 0, 65_536);
    if (raw(env, 'CACHE_MB') === undefined) {
      megabytes = alias;
      deprecations.push(`STALE_CACHE_MB is deprecated and will be removed in the next release: the render cache replaced the last-good copy; set CACHE_MB=${alias} instead`);
    } else {
      deprecations.push('STALE_CACHE_MB is deprecated and ignored because CACHE_MB is set; remove it');
    }
  }
  return {
    l1Bytes: megabytes * 1024 * 1024,
    redisUrl: redisUrl(env),
    redisTimeoutMs: integer(env, 'CACHE_REDIS_TIMEOUT_MS', 100, 1, 60_000),
    redisPrefix: raw(env, 'CACHE_REDIS_PREFIX') ?? 'ssr-offload:',
    ignoreParams: ignoreParams(env),
    deprecations,
  };
}

/** The variable each SDK target field is read from. */
const SDK_VARIABLES: Readonly<Record<keyof SdkTargetFields, string>> = {
  accountId: 'FC_ACCOUNT_ID',
  region: 'FC_REGION',
  functionName: 'FC_FUNCTION_NAME',
  qualifier: 'FC_QUALIFIER',
  endpoint: 'FC_ENDPOINT',
  internal: 'FC_INTERNAL',
};

function sdkTarget(env: Env, transport: FcTransport): SdkTarget | undefined {
  if (transport !== 'sdk') return undefined;
  const internal = raw(env, 'FC_INTERNAL');
  const fields: SdkTargetFields = {
    accountId: raw(env, 'FC_ACCOUNT_ID'),
    region: raw(env, 'FC_REGION'),
    functionName: raw(env, 'FC_FUNCTION_NAME'),
    qualifier: raw(env, 'FC_QUALIFIER'),
    endpoint: raw(env, 'FC_ENDPOINT'),
    internal: internal === undefined ? undefined : parseFlag('FC_INTERNAL', internal),
  };
  return checkSdkTarget(fields, (field, problem) => rejectVariable(SDK_VARIABLES[field], problem), 'is required when FC_TRANSPORT=sdk');
}

/**
 * `SSR_APP` / `SSR_CLIENT_DIR`. `off` is the "any SSR server" gateway: every page goes to FC (your server as
 * a custom container) and, when FC fails, to FALLBACK_URL (the same server in the cluster), so nothing may
 * need an in-process render.
 */
function ssrApp(env: Env, role: Role, offload: OffloadPolicy, sitesFile: string | undefined): Config['ssrApp'] {
  const spec = raw(env, 'SSR_APP');
  const clientDir = raw(env, 'SSR_CLIENT_DIR');
  if (spec !== 'off') return { spec, clientDir, off: false };
  if (role !== 'gateway') throw new ConfigError('SSR_APP', `off is for ROLE=gateway only; ROLE=${role} renders pages itself`);
  if (offload !== 'fc-first') throw new ConfigError('SSR_APP', `off needs OFFLOAD=fc-first (OFFLOAD=${offload} renders in-process)`);
  // With a sites file every site names its own fallback URL (sites-file.ts refuses `fallback: local` then).
  if (raw(env, 'FALLBACK_URL') === undefined && sitesFile === undefined) throw new ConfigError('SSR_APP', 'off needs FALLBACK_URL (your server in the cluster) for pages FC cannot answer');
  if (clientDir !== undefined) throw new ConfigError('SSR_CLIENT_DIR', 'has no use with SSR_APP=off (your server serves its own assets; route them with PROXY_ROUTES)');
  return { spec: undefined, clientDir: undefined, off: true };
}

/**
 * `LOCAL_RENDER_THREADS`: `auto` (default) or 0–64. Threads keep the event loop free for probes, cache hits
 * and proxies while a page renders, and the render's heap holds only the app (server/render-threads.ts);
 * `auto` uses them only where there is a CPU for them beside the event loop (server/available-cpus.ts).
 */
function renderThreads(env: Env, role: Role): Pick<Config['local'], 'renderThreads' | 'renderThreadsSetting' | 'cpus'> {
  const value = raw(env, 'LOCAL_RENDER_THREADS');
  if (value === undefined || value === 'auto') {
    // Only the gateway renders on threads; the other roles render what they are sent on their event loop.
    if (role !== 'gateway') return { renderThreads: 0, renderThreadsSetting: 'auto', cpus: undefined };
    const cpus = availableCpus();
    return { renderThreads: autoRenderThreads(cpus), renderThreadsSetting: 'auto', cpus };
  }
  if (!/^\d+$/.test(value)) throw new ConfigError('LOCAL_RENDER_THREADS', `must be auto or an integer from 0 to 64, got "${value}"`);
  const count = integer(env, 'LOCAL_RENDER_THREADS', 0, 0, 64);
  return { renderThreads: count, renderThreadsSetting: count, cpus: undefined };
}

/** Single-site variables a sites file replaces: each site names its own targets, fallback and origin. */
const SINGLE_SITE_VARIABLES = ['FC_URL', 'FC_ACCOUNT_ID', 'FC_REGION', 'FC_FUNCTION_NAME', 'FC_QUALIFIER', 'FC_ENDPOINT', 'FC_INTERNAL', 'FALLBACK_URL', 'SITE_ORIGIN'] as const;

/** `SITES_FILE` (gateway only; other roles render what they are sent and never route by host). */
function sitesFileOf(env: Env, role: Role): string | undefined {
  const file = raw(env, 'SITES_FILE');
  if (file === undefined || role !== 'gateway') return undefined;
  const set: string[] = SINGLE_SITE_VARIABLES.filter((name) => raw(env, name) !== undefined);
  if (raw(env, 'FC_TRANSPORT') === 'sdk') set.unshift('FC_TRANSPORT=sdk');
  if (set.length > 0) {
    throw new ConfigError(set.join(', '), `cannot be set with SITES_FILE: each site in ${file} names its own targets, fallback and origin (docs/sites.md)`);
  }
  return resolve(file);
}

const LOOKUP_VARIABLES = ['SITES_LOOKUP_TTL_MS', 'SITES_LOOKUP_NEGATIVE_TTL_MS', 'SITES_LOOKUP_STALE_MS', 'SITES_LOOKUP_TIMEOUT_MS'] as const;

/** `SITES_LOOKUP_URL` and its cache windows (gateway only). */
function sitesLookup(env: Env, role: Role): SitesLookupConfig | undefined {
  const url = role === 'gateway' ? httpUrl(env, 'SITES_LOOKUP_URL') : undefined;
  if (url === undefined) {
    const orphan = role === 'gateway' ? LOOKUP_VARIABLES.find((name) => raw(env, name) !== undefined) : undefined;
    if (orphan) throw new ConfigError(orphan, 'has no use without SITES_LOOKUP_URL');
    return undefined;
  }
  return {
    url,
    ttlMs: integer(env, 'SITES_LOOKUP_TTL_MS', 60_000, 100, 86_400_000),
    negativeTtlMs: integer(env, 'SITES_LOOKUP_NEGATIVE_TTL_MS', 10_000, 100, 86_400_000),
    staleMs: integer(env, 'SITES_LOOKUP_STALE_MS', 3_600_000, 0, 604_800_000),
    timeoutMs: integer(env, 'SITES_LOOKUP_TIMEOUT_MS', 1000, 50, 60_000),
  };
}

/**
 * Parse and validate the environment once.
 * @throws ConfigError (`SSR_ERR_CONFIG`) naming the offending variable.
 * @example
 * const config = loadConfig(process.env); // only in an entry point
 */
export function loadConfig(env: Env): Config {
  const role = oneOf(env, 'ROLE', ROLES, 'gateway');
  const defaultPort = role === 'function'
    // FC's documented variable first; FC_SERVER_PORT is what `s local` sets (docs/sources.md#fc-environment).
    ? Number(raw(env, 'FC_CUSTOM_LISTEN_PORT') ?? raw(env, 'FC_SERVER_PORT') ?? 9000)
    : 3000;
  const port = integer(env, 'PORT', defaultPort, 0, 65535);
  const transport = oneOf(env, 'FC_TRANSPORT', TRANSPORTS, 'http');
  const sitesFile = sitesFileOf(env, role);
  const fcUrl = httpUrl(env, 'FC_URL');
  const sdk = sdkTarget(env, transport);
  const emulatorAllowed = flag(env, 'EMULATOR', true);
  // A sites file names every target itself: no emulator is started behind its back.
  const useEmulator = role === 'gateway' && emulatorAllowed && fcUrl === undefined && sdk === undefined && sitesFile === undefined;
  const hasFcTarget = fcUrl !== undefined || sdk !== undefined || useEmulator || sitesFile !== undefined;
  if (transport === 'http' && raw(env, 'FC_ENDPOINT') !== undefined && fcUrl === undefined) {
    throw new ConfigError('FC_ENDPOINT', 'is only used with FC_TRANSPORT=sdk; set FC_URL for the http transport');
  }
  const offload = oneOf(env, 'OFFLOAD', POLICIES, hasFcTarget ? 'fc-first' : 'local-only');
  if (offload !== 'local-only' && !hasFcTarget) {
    throw new ConfigError('OFFLOAD', `is ${offload} but no FC target is configured (set FC_URL, FC_TRANSPORT=sdk, or EMULATOR=on)`);
  }
  const timeoutMs = integer(env, 'FC_TIMEOUT_MS', 3000, 50, 600_000);
  // On by default with fc-first: a partial FC brownout otherwise costs every slow call the full FC timeout
  // (bench scenario 4: p99 1.5 s vs nginx's 84 ms); hedges are capped by local headroom and a budget, so the
  // pod cannot be overloaded by them.
  const hedgeConfig = hedge(env, offload, timeoutMs);
  const maxInflight = integer(env, 'LOCAL_MAX_INFLIGHT', 8, 1, 10_000);

  const host = raw(env, 'HOST') ?? '0.0.0.0';
  const shutdownGraceMs = integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000);
  const shutdownDelayMs = integer(env, 'SHUTDOWN_DELAY_MS', 0, 0, 600_000);
  if (shutdownDelayMs > 0 && shutdownDelayMs >= shutdownGraceMs) {
    throw new ConfigError('SHUTDOWN_DELAY_MS', `must be below SHUTDOWN_GRACE_MS (${shutdownGraceMs}), which bounds the whole shutdown, got ${shutdownDelayMs}`);
  }
  const ssrAppConfig = ssrApp(env, role, offload, sitesFile);
  const fallbackTimeoutMs = integer(env, 'FALLBACK_TIMEOUT_MS', 10_000, 50, 600_000);
  const siteDefaults: SiteDefaults = { timeoutMs, fallbackTimeoutMs, offload, ssrAppOff: ssrAppConfig.off };
  const config: Config = {
    role,
    host,
    port,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: oneOf(env, 'LOG_FORMAT', LOG_FORMATS, 'json'),
    siteOrigin: httpUrl(env, 'SITE_ORIGIN', { originOnly: true }) ?? `http://localhost:${port === 0 ? 3000 : port}`,
    offload,
    fc: {
      transport,
      url: fcUrl,
      useEmulator,
      sdk,
      timeoutMs,
      forwardCookies: flag(env, 'FC_FORWARD_COOKIES', false),
    },
    hedge: hedgeConfig,
    breaker: {
      errorThresholdPercentage: integer(env, 'BREAKER_ERROR_PERCENT', 50, 1, 100),
      volumeThreshold: integer(env, 'BREAKER_VOLUME', 5, 1, 100_000),
      resetTimeoutMs: integer(env, 'BREAKER_RESET_MS', 10_000, 100, 3_600_000),
      rollingWindowMs: integer(env, 'BREAKER_WINDOW_MS', 10_000, 1000, 3_600_000),
      consecutiveFailures: integer(env, 'BREAKER_CONSECUTIVE_FAILURES', 5, 0, 100_000),
      // Half the FC budget: a call that uses more than that is not what FC is for, whether it then times out or not.
      slowCallMs: integer(env, 'BREAKER_SLOW_CALL_MS', Math.max(1, Math.floor(timeoutMs / 2)), 1, 600_000),
      slowCallPercent: integer(env, 'BREAKER_SLOW_CALL_PERCENT', 50, 1, 100),
      slowCallVolume: integer(env, 'BREAKER_SLOW_CALL_VOLUME', 20, 1, 100_000),
    },
    local: {
      maxInflight,
      maxEventLoopDelayMs: integer(env, 'LOCAL_MAX_EVENT_LOOP_DELAY_MS', 100, 1, 60_000),
      queueMax: integer(env, 'LOCAL_QUEUE_MAX', 64, 0, 100_000),
      queueTimeoutMs: integer(env, 'LOCAL_QUEUE_TIMEOUT_MS', 1000, 1, 600_000),
      ...renderThreads(env, role),
    },
    fallbackUrl: httpUrl(env, 'FALLBACK_URL'),
    fallbackTimeoutMs,
    cache: cacheConfig(env),
    proxyTimeoutMs: integer(env, 'PROXY_TIMEOUT_MS', 30_000, 50, 3_600_000),
    proxyBodyLimitBytes: integer(env, 'PROXY_BODY_LIMIT_BYTES', 10 * 1024 * 1024, 0, 2 ** 40),
    proxyRoutes: proxyRoutes(env),
    trustProxyHops: integer(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    http: {
      // Generous for a real client (a head is a few KB), short enough that a slowloris costs little.
      headersTimeoutMs: integer(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
      // Above the 60 s upstream keep-alive of ingress-nginx (upstream-keepalive-timeout) and of most
      // cloud load balancers, so the proxy in front always closes an idle connection first.
      keepAliveTimeoutMs: integer(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 65_000, 100, 3_600_000),
    },
    shutdownGraceMs,
    shutdownDelayMs,
    warmUp: warmUpConfig(env),
    admin: adminListener(env, port),
    telemetry: telemetryConfig(env, role),
    ssrApp: ssrAppConfig,
    sites: {
      file: sitesFile,
      initial: sitesFile === undefined ? undefined : readSitesFileSync(sitesFile, siteDefaults),
      defaults: siteDefaults,
      lookup: sitesLookup(env, role),
    },
  };
  return deepFreeze(config);
}
