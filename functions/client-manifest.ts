/**
 * The Vite client manifest the function renders asset links from. Under tsx and in `dist/node` it is read
 * from the client build on disk; `scripts/build-function.mjs` replaces this whole module with the manifest
 * inlined as JSON, so the single-file bundle never touches the file system.
 */
import { loadClientBuild } from '../server/client-build.js';
import type { ViteManifest } from '../ssr/index.js';

/** The client manifest, or undefined when no client build exists (pages then render without scripts). */
export function clientManifest(): ViteManifest | undefined {
  return loadClientBuild()?.manifest;
}
