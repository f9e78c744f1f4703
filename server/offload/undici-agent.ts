/**
 * undici's `Agent`, required on first use rather than imported: only HTTP page targets and HTTP health
 * probes need it, and a local-only or SDK-only gateway then never holds undici (5 MB of heap that V8's
 * marking threads walk at every full collection; docs/benchmarks.md, "Instructions per page"). undici is
 * CommonJS, so the require is synchronous and the targets stay synchronous to build.
 */
import { createRequire } from 'node:module';
import type { Agent } from 'undici';

export function undiciAgent(): typeof Agent {
  return (createRequire(import.meta.url)('undici') as { Agent: typeof Agent }).Agent;
}
