/**
 * A CommonJS package required the first time a feature uses it, not imported when its module loads. A
 * gateway that never uses the feature (a local-only gateway has no FC target, no hedge window, no sites
 * file) then never holds the package's modules, which V8's marking threads would walk at every full
 * collection (docs/benchmarks.md, "Instructions per page"). CommonJS, so the require is synchronous and
 * whatever needs it stays synchronous to build; the types still come from an `import type`.
 */
import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

export function requireOnUse<T>(name: 'undici' | 'opossum' | 'hdr-histogram-js' | 'yaml'): T {
  return requireHere(name) as T;
}
