/**
 * undici's `Agent`, required on first use (server/require-on-use.ts): only HTTP page targets and HTTP health
 * probes need it, and a local-only or SDK-only gateway then never holds undici (5 MB of heap).
 */
import type { Agent } from 'undici';
import { requireOnUse } from '../require-on-use.js';

export function undiciAgent(): typeof Agent {
  return requireOnUse<{ Agent: typeof Agent }>('undici').Agent;
}
