/**
 * Locates the Vite client build (assets + manifest) once at start-up. The same code runs from source
 * (`server/*.ts` under tsx) and compiled (`dist/node/server/*.js`), so both layouts are tried.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ViteManifest } from '../ssr/index.js';

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
