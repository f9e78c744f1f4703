/**
 * Finds the function the emulator runs: the REAL built bundle `dist/function/index.mjs` when it exists
 * (from source and from `dist/node/functions/emulator/`), else `functions/handler.ts` itself (tests under
 * tsx before a build).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FcContext } from '../fc-event.js';

export interface FunctionModule {
  handler: (event: Buffer, context: FcContext) => Promise<unknown> | unknown;
  initialize?: (context: FcContext) => Promise<void> | void;
}

const BUNDLE_CANDIDATES = ['../../dist/function/index.mjs', '../../../function/index.mjs'];

/** Where the module is loaded from: an explicit path, the built bundle, or the source handler. */
export function functionLocation(explicitPath?: string): string {
  if (explicitPath) return pathToFileURL(explicitPath).href;
  for (const candidate of BUNDLE_CANDIDATES) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url.href;
  }
  return new URL('../handler.js', import.meta.url).href;
}

export async function loadFunction(explicitPath?: string): Promise<{ module: FunctionModule; location: string }> {
  const location = functionLocation(explicitPath);
  const module = (await import(location)) as Partial<FunctionModule>;
  if (typeof module.handler !== 'function') throw new TypeError(`${location} does not export a handler function`);
  return { module: module as FunctionModule, location };
}
