/**
 * Start-up warnings about variables ssr-offload does not read: one of our prefixes with a name we do
 * not know (`CACHE_SIZE_MB`), or any name a typo away from one we do (`OFFLAOD`). A misspelled variable
 * is otherwise silently ignored and the default applies. Pure (env in, frozen list out) so `loadConfig`
 * stays pure; the entry point logs the list.
 *
 * The known names are CONFIG_VARIABLES (so a variable added there is known at once), the emulator's
 * `EMU_*` knobs, and what FC itself sets on an instance
 * (https://www.alibabacloud.com/help/en/functioncompute/fc/environment-variables). Names Kubernetes sets for
 * Service links (`<SERVICE>_SERVICE_HOST`, `<SERVICE>_PORT_6379_TCP`…,
 * https://kubernetes.io/docs/concepts/services-networking/service/#environment-variables) are never
 * reported, nor, with ROLE=function, any `FC_*` name (FC reserves that prefix there).
 */
import { EMULATOR_VARIABLES } from '../functions/emulator/faults.js';
import { editDistance } from './edit-distance.js';
import { CONFIG_VARIABLES, type Env } from './config.js';

export interface ConfigWarning {
  /** The variable as set. */
  readonly variable: string;
  /** The known variable it most likely meant, when one is close. */
  readonly suggestion: string | undefined;
  readonly message: string;
}

/** Prefixes only ssr-offload uses: any unknown name under them is reported. */
export const OUR_PREFIXES = ['FC_', 'BREAKER_', 'HEDGE_', 'LOCAL_', 'CACHE_', 'PROXY_', 'SITES_', 'SITE_', 'ADMIN_', 'FALLBACK_', 'SHUTDOWN_', 'STALE_', 'EMU_', 'SSR_'] as const;

/** Set by FC on every instance (documented list above); `FC_SERVER_PORT` by `s local`. */
const FC_RUNTIME_VARIABLES = ['FC_FUNC_CODE_PATH', 'FC_ACCOUNT_ID', 'FC_FUNCTION_HANDLER', 'FC_FUNCTION_MEMORY_SIZE', 'FC_FUNCTION_NAME', 'FC_REGION', 'FC_CUSTOM_LISTEN_PORT', 'FC_INSTANCE_ID', 'FC_FUNCTION_VERSION', 'FC_SERVER_PORT'];

const SERVICE_LINK = /^[A-Z0-9_]+_(SERVICE_(HOST|PORT)(_[A-Z0-9_]+)?|PORT_\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)$/;
const SERVICE_LINK_PORT = /^[A-Z0-9_]+_PORT$/;
const SERVICE_LINK_VALUE = /^(tcp|udp|sctp):\/\//;


/** The known name nearest to `name`, if one lies within `atMost` edits. */
function closest(name: string, known: readonly string[], atMost: number): { name: string; distance: number } | undefined {
  let best: { name: string; distance: number } | undefined;
  const upper = name.toUpperCase();
  for (const candidate of known) {
    const d = editDistance(upper, candidate, best ? Math.min(atMost, best.distance - 1) : atMost);
    if (d <= atMost && (!best || d < best.distance)) best = { name: candidate, distance: d };
  }
  return best;
}

function isServiceLink(name: string, value: string | undefined): boolean {
  return SERVICE_LINK.test(name) || (SERVICE_LINK_PORT.test(name) && SERVICE_LINK_VALUE.test(value ?? ''));
}

/**
 * Warnings for the variables in `env` that ssr-offload does not read but probably was meant to.
 * @example
 * configWarnings({ OFFLAOD: 'local-only' });
 * // [{ variable: 'OFFLAOD', suggestion: 'OFFLOAD', message: 'OFFLAOD is not a variable ssr-offload reads; did you mean OFFLOAD?' }]
 */
export function configWarnings(env: Env): readonly ConfigWarning[] {
  const known = [...new Set<string>([...CONFIG_VARIABLES, ...EMULATOR_VARIABLES, ...FC_RUNTIME_VARIABLES])];
  const knownSet = new Set(known);
  const fcOwnsPrefix = env.ROLE?.trim() === 'function';
  const warnings: ConfigWarning[] = [];
  for (const name of Object.keys(env).sort()) {
    if (knownSet.has(name) || isServiceLink(name, env[name])) continue;
    const prefix = OUR_PREFIXES.find((candidate) => name.toUpperCase().startsWith(candidate));
    if (prefix === 'FC_' && fcOwnsPrefix) continue;
    // Ours for sure: name the closest when it is plausibly a typo or a missing unit suffix. Someone else's
    // unless it is a typo (or the wrong case) of one of ours; short names need a closer match.
    const best = closest(name, known, prefix ? Math.max(3, Math.floor(name.length / 3)) : 2);
    let suggestion: string | undefined;
    if (prefix) {
      suggestion = best?.name;
    } else {
      if (!best || best.distance > (best.name.length <= 5 ? 1 : 2)) continue;
      suggestion = best.name;
    }
    const family = prefix ? known.filter((candidate) => candidate.startsWith(prefix)).join(', ') : '';
    const message = suggestion
      ? `${name} is not a variable ssr-offload reads; did you mean ${suggestion}?`
      : `${name} is not a variable ssr-offload reads (its ${prefix}* variables: ${family || 'none'})`;
    warnings.push(Object.freeze({ variable: name, suggestion, message }));
  }
  return Object.freeze(warnings);
}
