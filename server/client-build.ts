/**
 * Reads a Vite client build (assets + manifest) once at start-up. Without a directory, the default app's
 * build (`dist/client`) is looked up from source (`server/*.ts` under tsx) and compiled
 * (`dist/node/server/*.js`) layouts; hosts get their directory from the plug (ssr-app.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ViteManifest } from './render-contract.js';

export interface ClientBuild {
  /** Directory holding `assets/` and `.vite/manifest.json`. */
  dir: string;
  manifest: ViteManifest;
}

const CANDIDATES = ['../../client/', '../dist/client/', '../client/'];

/** The client build, or undefined when it has not been built (pages then render without scripts). */
export function loadClientBuild(explicitDir?: string): ClientBuild | undefined {
  const dirs = explicitDir ? [explicitDir] : CANDIDATES.map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  for (const dir of dirs) {
    const manifestPath = `${dir.replace(/\/?$/, '/')}.vite/manifest.json`;
    if (existsSync(manifestPath)) {
      return { dir, manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) as ViteManifest };
    }
  }
  return undefined;
}
