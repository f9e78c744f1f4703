/**
 * Value checks shared by the environment (server/config.ts) and the sites file (server/sites/sites-file.ts):
 * the same rule for an http(s) URL or an FC SDK target wherever it is written, with only the way a problem
 * is reported differing (`FC_URL must …` there, `site "shop": targets[1].url: must …` here).
 *
 * Fastify-free on purpose: config.ts imports it and the FC function bundle imports config.ts.
 */

/**
 * Reports a problem with one field and never returns: `field` is the caller's name for it (a variable
 * such as `FC_REGION`, or a key such as `region`), `problem` reads after it (`must look like cn-hangzhou`).
 */
export type RejectValue<F extends string = string> = (field: F, problem: string) => never;

/**
 * An absolute http(s) URL without credentials, query or fragment, normalised: no trailing slash (request
 * paths are appended to it), or only the origin with `originOnly` (which refuses any path).
 */
export function checkHttpUrl(value: string, field: string, reject: RejectValue, { originOnly = false } = {}): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return reject(field, `must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject(field, `must use http or https, got "${url.protocol}"`);
  if (url.username || url.password) return reject(field, 'must not contain credentials');
  if (url.search || url.hash) return reject(field, 'must not contain a query or fragment');
  if (originOnly && url.pathname !== '/') return reject(field, `must be an origin without a path, got "${value}"`);
  return originOnly ? url.origin : url.href.replace(/\/+$/, '');
}

/** FC's InvokeFunction target, validated (FC_TRANSPORT=sdk, or an sdk target in the sites file). */
export interface SdkTarget {
  readonly accountId: string;
  readonly region: string;
  readonly functionName: string;
  readonly qualifier: string;
  /** Always explicit: the SDK's own default endpoint is wrong for FC (docs/sources.md#fc-sdk). */
  readonly endpoint: string;
  readonly protocol: 'http' | 'https';
}

/** The raw fields of an SDK target, each as written (undefined = not given). */
export interface SdkTargetFields {
  readonly accountId: string | undefined;
  readonly region: string | undefined;
  readonly functionName: string | undefined;
  readonly qualifier: string | undefined;
  readonly endpoint: string | undefined;
  /** Use the `-internal` (VPC) endpoint; default true. */
  readonly internal: boolean | undefined;
}

/**
 * Validate an SDK target. `required` is the problem a missing field gets (`is required when
 * FC_TRANSPORT=sdk`); an explicit endpoint (private link, or the local emulator) wins over account and region.
 */
export function checkSdkTarget(fields: SdkTargetFields, reject: RejectValue<keyof SdkTargetFields>, required: string): SdkTarget {
  const need = (field: 'accountId' | 'region' | 'functionName'): string => fields[field] ?? reject(field, required);
  const functionName = need('functionName');
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,127}$/.test(functionName)) reject('functionName', `is not a valid FC function name: "${functionName}"`);
  let endpoint: string;
  let protocol: 'http' | 'https' = 'https';
  let accountId = fields.accountId ?? '';
  let region = fields.region ?? '';
  if (fields.endpoint !== undefined) {
    // It may carry a scheme (the emulator speaks http).
    const withScheme = /^https?:\/\//.test(fields.endpoint) ? fields.endpoint : `https://${fields.endpoint}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      return reject('endpoint', `must be a host[:port] or http(s) origin, got "${fields.endpoint}"`);
    }
    if (url.pathname !== '/' || url.search) reject('endpoint', 'must not contain a path or query');
    endpoint = url.host;
    protocol = url.protocol === 'http:' ? 'http' : 'https';
    region ||= 'cn-hangzhou';
    accountId ||= 'local';
  } else {
    accountId = need('accountId');
    region = need('region');
    if (!/^\d{6,20}$/.test(accountId)) reject('accountId', `must be the numeric account id, got "${accountId}"`);
    if (!/^[a-z]{2}(-[a-z0-9]+)+$/.test(region)) reject('region', `must look like cn-hangzhou, got "${region}"`);
    endpoint = `${accountId}.${region}${fields.internal ?? true ? '-internal' : ''}.fc.aliyuncs.com`;
  }
  return { accountId, region, functionName, qualifier: fields.qualifier ?? 'LATEST', endpoint, protocol };
}

/** Freeze an object and everything reachable from it (Fastify's validated options are frozen the same way). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
