/**
 * `SITES_FILE`: read a sites file (YAML or JSON, by extension) into the deep-frozen SitesConfig the gateway
 * routes by. The shape is checked by ajv against the JSON Schema in sites-schema.ts (also published as
 * docs/sites.schema.json for editors: one schema for the gateway and for the operator's editor, which is why
 * ajv and not a TypeScript-only validator), then what a schema cannot say is checked here: unique site
 * names, target names and hosts, one default site, URLs normalised, SDK targets as FC_TRANSPORT=sdk.
 *
 * Every problem throws ConfigError (`SSR_ERR_CONFIG`) naming the file, the site, the field path and the
 * problem: `SITES_FILE sites.yaml: site "shop": targets[1].url: must use http or https, got "ftp:"`; a
 * syntax error names the line and column. The same checks serve one site from the lookup API (parseSite).
 *
 * Fastify-free (config.ts imports it); the FC function bundle replaces it (scripts/build-app.mjs), since
 * only ROLE=gateway reads a sites file.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { OffloadPolicy } from '../config.js';
import { editDistance } from '../edit-distance.js';
import { ConfigError } from '../errors.js';
import { requireOnUse } from '../require-on-use.js';
import { checkHttpUrl, checkSdkTarget, deepFreeze, type RejectValue } from '../value-checks.js';
import { isHostName } from './host-match.js';
import type { FallbackConfig, HealthCheckConfig, SiteConfig, SitesConfig, TargetConfig } from './site-config.js';
import { SITES_SCHEMA } from './sites-schema.js';

/** What a site or target leaves out comes from the single-site variables. */
export interface SiteDefaults {
  /** A target's `timeoutMs` (FC_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** A `fallback: { url }`'s `timeoutMs` (FALLBACK_TIMEOUT_MS). */
  readonly fallbackTimeoutMs: number;
  /** OFFLOAD: under `local-only` a site needs no target (and gets none). */
  readonly offload: OffloadPolicy;
  /** SSR_APP=off: there is no in-process app, so `fallback: local` is refused. */
  readonly ssrAppOff?: boolean;
}

/**
 * Health-check profiles (Envoy's names, docs/sources.md#envoy-health-checks). `patient` is "check every
 * 30 s, flip after 5 failures": a third of the billed probes of `default`, and slower to notice an outage.
 */
export const HEALTH_CHECK_PROFILES = {
  default: { path: '/healthz', intervalMs: 10_000, timeoutMs: 2000, unhealthyThreshold: 3, healthyThreshold: 2, jitter: 0.1 },
  patient: { path: '/healthz', intervalMs: 30_000, timeoutMs: 2000, unhealthyThreshold: 5, healthyThreshold: 2, jitter: 0.1 },
} as const satisfies Record<string, HealthCheckConfig>;

interface RawHealthCheck extends Partial<HealthCheckConfig> {
  readonly profile?: keyof typeof HEALTH_CHECK_PROFILES;
}

interface RawTarget {
  readonly name: string;
  readonly transport?: 'http' | 'sdk';
  readonly url?: string;
  readonly timeoutMs?: number;
  readonly accountId?: string;
  readonly region?: string;
  readonly functionName?: string;
  readonly qualifier?: string;
  readonly endpoint?: string;
  readonly internal?: boolean;
}

/** A site as the schema lets it through. */
interface RawSite {
  readonly name: string;
  readonly hosts?: readonly string[];
  readonly default?: boolean;
  readonly origin: string;
  readonly targets: readonly RawTarget[];
  readonly fallback: 'local' | { readonly url: string; readonly timeoutMs?: number };
  readonly healthCheck?: RawHealthCheck;
}

/** Reports one problem: `where` is `site "shop"` (or `sites[2]`, or '' for the whole file). */
type Fail = (where: string, field: string, problem: string) => never;

function failer(source: string): Fail {
  return (where, field, problem) => {
    const parts = [source, where, field].filter(Boolean).join(': ');
    throw new ConfigError('SITES_FILE', `${parts}: ${problem}`);
  };
}

let validators: { file: ValidateFunction; site: ValidateFunction } | undefined;

/** Compiled on first use: a gateway without a sites file never pays for it. */
function compiled(): { file: ValidateFunction; site: ValidateFunction } {
  if (!validators) {
    // allErrors: every problem is collected so the most telling one is reported (firstProblem); verbose:
    // each error carries its schema and value, for the message.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    ajv.addSchema(SITES_SCHEMA);
    validators = {
      file: ajv.getSchema(SITES_SCHEMA.$id)!,
      site: ajv.getSchema(`${SITES_SCHEMA.$id}#/definitions/site`)!,
    };
  }
  return validators;
}

/** A value as a message quotes it: `"3000"`, `3000`, `null`, `a list`. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'an integer', number: 'a number', string: 'a string', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null',
};

/** `["targets", "1", "url"]` → `targets[1].url`. */
function fieldPath(segments: readonly string[]): string {
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}

function siteLabel(site: unknown, index: number | undefined): string {
  const name = (site as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && name !== '') return `site ${JSON.stringify(name)}`;
  return index === undefined ? 'site' : `sites[${index}]`;
}

/** One ajv error as `field` + `problem` in words, never ajv's own dump. */
function explain(error: ErrorObject): { segments: string[]; problem: string } {
  const segments = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const schema = (error.parentSchema ?? {}) as { description?: string; minimum?: number; maximum?: number; properties?: Record<string, unknown> };
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { segments: [...segments, String(params.missingProperty)], problem: 'is required' };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(schema.properties ?? {}).filter((name) => name !== '$schema');
      const close = known.map((name) => ({ name, d: editDistance(key.toLowerCase(), name.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
      const hint = close && close.d <= 2 ? ` (did you mean ${close.name}?)` : ` (known keys: ${known.join(', ')})`;
      return { segments: [...segments, key], problem: `is not a known key${hint}` };
    }
    case 'type':
      return { segments, problem: `must be ${String(params.type).split(',').map((type) => TYPE_NAMES[type] ?? type).join(' or ')}, got ${shown(error.data)}` };
    case 'enum':
    case 'const': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      return { segments, problem: `must be ${allowed.map((value) => String(value)).join(' | ')}, got ${shown(error.data)}` };
    }
    case 'minimum':
    case 'maximum':
      return { segments, problem: `must be between ${schema.minimum} and ${schema.maximum}, got ${shown(error.data)}` };
    case 'minItems':
      return { segments, problem: `must list at least ${String(params.limit)}` };
    case 'pattern':
    case 'minLength':
      return { segments, problem: `must be ${schema.description ?? `a string matching ${String(params.pattern)}`}, got ${shown(error.data)}` };
    default:
      return { segments, problem: `${error.message ?? 'is invalid'}, got ${shown(error.data)}` };
  }
}

/**
 * The one problem a message reports: a value outside its list first (a wrong `transport` makes the other
 * keys look unknown), then an unknown key (a misspelled key also makes the right one "missing"), then any
 * other wrong value, then a missing key; ajv's order within each.
 */
function firstProblem(errors: readonly ErrorObject[]): ErrorObject {
  const RANKS: Record<string, number> = { enum: 0, const: 0, additionalProperties: 1, required: 3 };
  const rank = (error: ErrorObject) => RANKS[error.keyword] ?? 2;
  const reported = errors.filter((error) => error.keyword !== 'if');
  return [...reported].sort((a, b) => rank(a) - rank(b))[0] ?? errors[0]!;
}

/** A failed schema check of the whole file, thrown with the site it is in. */
function rejectFile(errors: readonly ErrorObject[], data: unknown, fail: Fail): never {
  const error = firstProblem(errors);
  const { segments, problem } = explain(error);
  if (segments[0] === 'sites' && segments.length >= 2) {
    const index = Number(segments[1]);
    const sites = (data as { sites: unknown[] }).sites;
    return fail(siteLabel(sites[index], index), fieldPath(segments.slice(2)), problem);
  }
  if (segments.length === 0 && error.keyword === 'type') return fail('', '', `must be an object with a "sites" list, got ${shown(error.data)}`);
  return fail('', fieldPath(segments), problem);
}

function parseSyntax(text: string, source: string, fail: Fail): unknown {
  const extension = extname(source).toLowerCase();
  if (extension === '.json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const position = /at position (\d+)/.exec(message);
      if (!position) return fail('', '', `is not valid JSON: ${message}`);
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      return fail('', `line ${line}, column ${column}`, `is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/s, '')}`);
    }
  }
  if (extension === '.yaml' || extension === '.yml') {
    // uniqueKeys: a key written twice is a mistake, not "the last one wins".
    // Required on first use (server/require-on-use.ts): only a YAML sites file needs the parser.
    const { parseDocument } = requireOnUse<typeof import('yaml')>('yaml');
    const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    const problem = document.errors[0];
    if (problem) {
      const at = problem.linePos?.[0];
      const message = problem.message.split('\n', 1)[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return fail('', at ? `line ${at.line}, column ${at.col}` : '', `is not valid YAML: ${message}`);
    }
    // maxAliasCount: an alias bomb ("billion laughs") fails instead of exhausting memory.
    return document.toJS({ maxAliasCount: 100 });
  }
  return fail('', '', `must end in .yaml, .yml or .json (the extension picks the syntax), got "${extension || source}"`);
}

function hostsOf(site: RawSite, where: string, fail: Fail): string[] {
  const hosts: string[] = [];
  (site.hosts ?? []).forEach((written, index) => {
    const field = `hosts[${index}]`;
    const lower = written.toLowerCase().replace(/\.$/, '');
    const wildcard = lower.startsWith('*.');
    if (!isHostName(wildcard ? lower.slice(2) : lower)) {
      fail(where, field, `must be a host name without port or path (shop.example.com) or a wildcard (*.shop.example.com), got ${shown(written)}`);
    }
    if (hosts.includes(lower)) fail(where, field, `"${lower}" is listed twice`);
    hosts.push(lower);
  });
  if (hosts.length === 0 && site.default !== true) fail(where, 'hosts', 'must list at least one host (only the default site may have none)');
  return hosts;
}

function targetOf(target: RawTarget, field: string, where: string, defaults: SiteDefaults, fail: Fail): TargetConfig {
  const reject: RejectValue = (key, problem) => fail(where, `${field}.${key}`, problem);
  const timeoutMs = target.timeoutMs ?? defaults.timeoutMs;
  if (target.transport === 'sdk') {
    const sdk = checkSdkTarget(
      { accountId: target.accountId, region: target.region, functionName: target.functionName, qualifier: target.qualifier, endpoint: target.endpoint, internal: target.internal },
      reject,
      'is required for an sdk target without endpoint',
    );
    return { name: target.name, transport: 'sdk', timeoutMs, sdk };
  }
  return { name: target.name, transport: 'http', timeoutMs, url: checkHttpUrl(target.url!, 'url', reject) };
}

function targetsOf(site: RawSite, where: string, defaults: SiteDefaults, fail: Fail): TargetConfig[] {
  const names = new Set<string>();
  const targets = site.targets.map((target, index) => {
    const field = `targets[${index}]`;
    if (names.has(target.name)) fail(where, `${field}.name`, `"${target.name}" is the name of another target of this site`);
    names.add(target.name);
    return targetOf(target, field, where, defaults, fail);
  });
  // local-only renders every page in-process: targets are checked (a typo is still a typo) but not used.
  if (defaults.offload === 'local-only') return [];
  if (targets.length === 0) fail(where, 'targets', `must list at least one FC target under OFFLOAD=${defaults.offload} (or set OFFLOAD=local-only)`);
  return targets;
}

function fallbackOf(site: RawSite, where: string, defaults: SiteDefaults, fail: Fail): FallbackConfig {
  if (site.fallback === 'local') {
    if (defaults.ssrAppOff) fail(where, 'fallback', 'must be { url: … } with SSR_APP=off (there is no in-process app to fall back to)');
    return { kind: 'local' };
  }
  const reject: RejectValue = (key, problem) => fail(where, `fallback.${key}`, problem);
  return { kind: 'url', url: checkHttpUrl(site.fallback.url, 'url', reject), timeoutMs: site.fallback.timeoutMs ?? defaults.fallbackTimeoutMs };
}

function healthCheckOf(site: RawSite, where: string, fail: Fail): HealthCheckConfig | undefined {
  if (!site.healthCheck) return undefined;
  const { profile = 'default', ...own } = site.healthCheck;
  const check: HealthCheckConfig = { ...HEALTH_CHECK_PROFILES[profile], ...own };
  if (check.timeoutMs >= check.intervalMs) fail(where, 'healthCheck.timeoutMs', `must be below intervalMs (${check.intervalMs}), got ${check.timeoutMs}`);
  return check;
}

function siteOf(site: RawSite, where: string, defaults: SiteDefaults, fail: Fail): SiteConfig {
  return {
    name: site.name,
    hosts: hostsOf(site, where, fail),
    default: site.default ?? false,
    origin: checkHttpUrl(site.origin, 'origin', (field, problem) => fail(where, field, problem), { originOnly: true }),
    targets: targetsOf(site, where, defaults, fail),
    fallback: fallbackOf(site, where, defaults, fail),
    healthCheck: healthCheckOf(site, where, fail),
  };
}

/** Names, hosts and the default, across sites: what one site alone cannot get wrong. */
function checkAcrossSites(sites: readonly SiteConfig[], fail: Fail): void {
  const names = new Map<string, number>();
  const hosts = new Map<string, SiteConfig>();
  let fallback: SiteConfig | undefined;
  sites.forEach((site, index) => {
    const where = siteLabel(site, index);
    const other = names.get(site.name);
    if (other !== undefined) fail(`sites[${index}]`, 'name', `"${site.name}" is already the name of sites[${other}]`);
    names.set(site.name, index);
    site.hosts.forEach((host, hostIndex) => {
      const owner = hosts.get(host);
      if (owner) fail(where, `hosts[${hostIndex}]`, `"${host}" is already a host of site "${owner.name}" (a host belongs to one site)`);
      hosts.set(host, site);
    });
    if (site.default) {
      if (fallback) fail(where, 'default', `only one site may be the default; site "${fallback.name}" already is`);
      fallback = site;
    }
  });
}

/**
 * Parse a sites file's text; `source` is its path (the extension picks YAML or JSON, and messages name it).
 * @throws ConfigError naming the site, the field and the problem.
 * @example parseSites('sites: [...]', '/etc/ssr-offload/sites.yaml', config.sites.defaults)
 */
export function parseSites(text: string, source: string, defaults: SiteDefaults): SitesConfig {
  const fail = failer(source);
  const data = parseSyntax(text, source, fail);
  const { file } = compiled();
  if (!file(data)) rejectFile(file.errors ?? [], data, fail);
  const raw = (data as { sites: RawSite[] }).sites;
  const sites = raw.map((site, index) => siteOf(site, siteLabel(site, index), defaults, fail));
  checkAcrossSites(sites, fail);
  return deepFreeze({ source, sites });
}

/**
 * One site object (a `SITES_LOOKUP_URL` answer), with the checks a site in the file gets.
 * @throws ConfigError naming `source`, the site, the field and the problem.
 */
export function parseSite(value: unknown, source: string, defaults: SiteDefaults): SiteConfig {
  const fail = failer(source);
  const { site } = compiled();
  if (!site(value)) {
    const error = firstProblem(site.errors ?? []);
    const { segments, problem } = explain(error);
    if (segments.length === 0 && error.keyword === 'type') fail('', '', `must be a site object, got ${shown(value)}`);
    fail(siteLabel(value, undefined), fieldPath(segments), problem);
  }
  return deepFreeze(siteOf(value as RawSite, siteLabel(value, undefined), defaults, fail));
}

function unreadable(path: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  throw new ConfigError('SITES_FILE', `${path}: cannot be read (${code})`);
}

/** Read and parse a sites file (reloads: never blocks the event loop). */
export async function readSitesFile(path: string, defaults: SiteDefaults): Promise<SitesConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return unreadable(path, error);
  }
  return parseSites(text, path, defaults);
}

/** Read and parse a sites file at start-up (loadConfig is synchronous). */
export function readSitesFileSync(path: string, defaults: SiteDefaults): SitesConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return unreadable(path, error);
  }
  return parseSites(text, path, defaults);
}
