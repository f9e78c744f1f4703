/**
 * Tracing configuration from the standard OpenTelemetry SDK variables (and nothing of our own), parsed
 * like every other variable by `loadConfig`. Tracing is on only when an OTLP endpoint is set; without one
 * the gateway loads no OpenTelemetry module at all and makes no span.
 *
 * The variables and their meaning are OpenTelemetry's:
 * https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/ and
 * https://opentelemetry.io/docs/specs/otel/protocol/exporter/ (endpoint, headers, timeout, protocol).
 *
 * Fastify-free and OpenTelemetry-free: the FC function bundle imports it through config.ts.
 */
import { ConfigError } from '../errors.js';

export type TracesSampler =
  | 'always_on' | 'always_off' | 'traceidratio'
  | 'parentbased_always_on' | 'parentbased_always_off' | 'parentbased_traceidratio';

export interface TelemetryConfig {
  /** The full OTLP/HTTP traces URL (`…/v1/traces`). */
  readonly tracesEndpoint: string;
  /** Extra headers on every export (e.g. a collector's API key); never logged. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** `OTEL_SERVICE_NAME`, else `service.name` from `OTEL_RESOURCE_ATTRIBUTES`, else `ssr-offload-<role>`. */
  readonly serviceName: string;
  /** `OTEL_RESOURCE_ATTRIBUTES` (`key=value,…`). */
  readonly resourceAttributes: Readonly<Record<string, string>>;
  readonly sampler: TracesSampler;
  /** Ratio for the `*traceidratio` samplers, 0–1. */
  readonly samplerRatio: number;
}

/** The OpenTelemetry variables `loadConfig` reads (listed with the others in CONFIG_VARIABLES). */
export const TELEMETRY_VARIABLES = [
  'OTEL_SDK_DISABLED', 'OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS', 'OTEL_EXPORTER_OTLP_TIMEOUT', 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT',
  'OTEL_SERVICE_NAME', 'OTEL_RESOURCE_ATTRIBUTES', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG',
] as const;

const SAMPLERS: readonly TracesSampler[] = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'];

type Env = Readonly<Record<string, string | undefined>>;

function raw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function endpointUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, `must use http or https (OTLP/HTTP), got "${url.protocol}"`);
  return url;
}

/** The signal-specific endpoint is used as is; the generic one gets `v1/traces` appended (OTLP exporter spec). */
function tracesEndpoint(env: Env): string | undefined {
  const specific = raw(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (specific) return endpointUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', specific).href;
  const generic = raw(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (!generic) return undefined;
  const url = endpointUrl('OTEL_EXPORTER_OTLP_ENDPOINT', generic);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
  return url.href;
}

/** `key=value,key2=value2` with percent-encoded values (W3C Baggage octets, as the spec says). */
function keyValues(env: Env, name: string): Record<string, string> {
  const value = raw(env, name);
  const map: Record<string, string> = {};
  if (!value) return map;
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new ConfigError(name, 'must be a comma-separated list of key=value pairs');
    try {
      map[entry.slice(0, eq).trim()] = decodeURIComponent(entry.slice(eq + 1).trim());
    } catch {
      throw new ConfigError(name, `has a value that is not valid percent-encoding (key "${entry.slice(0, eq).trim()}")`);
    }
  }
  return map;
}

function isTrue(env: Env, name: string): boolean {
  const value = raw(env, name)?.toLowerCase();
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new ConfigError(name, `must be true or false, got "${value}"`);
}

/**
 * The tracing set-up the environment asks for, or `undefined` (tracing off: no endpoint, `OTEL_SDK_DISABLED=true`
 * or `OTEL_TRACES_EXPORTER=none`).
 * @throws ConfigError naming the variable (an unsupported protocol or exporter, a bad URL, sampler or ratio).
 */
export function telemetryConfig(env: Env, role: string): TelemetryConfig | undefined {
  const disabled = isTrue(env, 'OTEL_SDK_DISABLED');
  const exporter = raw(env, 'OTEL_TRACES_EXPORTER') ?? 'otlp';
  if (exporter !== 'otlp' && exporter !== 'none') throw new ConfigError('OTEL_TRACES_EXPORTER', `must be otlp or none (this build ships the OTLP/HTTP exporter only), got "${exporter}"`);
  const endpoint = tracesEndpoint(env);
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const protocol = raw(env, name);
    // The exporter this build ships speaks OTLP/HTTP with JSON bodies; Jaeger, Tempo and the Collector accept it on :4318.
    if (protocol && protocol !== 'http/json') throw new ConfigError(name, `must be http/json (the exporter shipped with ssr-offload), got "${protocol}"`);
  }
  const sampler = (raw(env, 'OTEL_TRACES_SAMPLER') ?? 'parentbased_always_on') as TracesSampler;
  if (!SAMPLERS.includes(sampler)) throw new ConfigError('OTEL_TRACES_SAMPLER', `must be one of ${SAMPLERS.join(' | ')}, got "${sampler}"`);
  const ratioText = raw(env, 'OTEL_TRACES_SAMPLER_ARG');
  const samplerRatio = ratioText === undefined ? 1 : Number(ratioText);
  if (!Number.isFinite(samplerRatio) || samplerRatio < 0 || samplerRatio > 1) throw new ConfigError('OTEL_TRACES_SAMPLER_ARG', `must be a ratio between 0 and 1, got "${ratioText}"`);
  const timeoutText = raw(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT') ?? raw(env, 'OTEL_EXPORTER_OTLP_TIMEOUT');
  const timeoutMs = timeoutText === undefined ? 10_000 : Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new ConfigError(raw(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT') ? 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT' : 'OTEL_EXPORTER_OTLP_TIMEOUT', `must be a positive number of milliseconds, got "${timeoutText}"`);
  const headers = { ...keyValues(env, 'OTEL_EXPORTER_OTLP_HEADERS'), ...keyValues(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS') };
  const resourceAttributes = keyValues(env, 'OTEL_RESOURCE_ATTRIBUTES');
  if (disabled || exporter === 'none' || endpoint === undefined) return undefined;
  return {
    tracesEndpoint: endpoint,
    headers,
    timeoutMs,
    serviceName: raw(env, 'OTEL_SERVICE_NAME') ?? resourceAttributes['service.name'] ?? `ssr-offload-${role}`,
    resourceAttributes,
    sampler,
    samplerRatio,
  };
}
