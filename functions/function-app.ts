/**
 * The app the FC built-in handler renders, and its client manifest. Under tsx and in `dist/node` it comes
 * through the plug (`SSR_APP`, server/ssr-app.ts); scripts/build-app.mjs replaces this whole module with
 * a static import of the configured app's built server module and the manifest inlined as JSON, so the
 * single-file bundle needs no file system, no node_modules and no environment variable to find its app.
 */
import { loadConfig } from '../server/config.js';
import type { Render } from '../server/render-contract.js';
import { createAppRender, resolveSsrApp } from '../server/ssr-app.js';

/** Build the app's render function (once per instance; the caller caches it). */
export async function createFunctionRender(siteOrigin: string, onError: (error: unknown, url: string) => void): Promise<Render> {
  // eslint-disable-next-line no-restricted-properties -- source-run entry only (the bundle replaces this module)
  const config = loadConfig({ ...process.env, ROLE: 'function' });
  const app = resolveSsrApp(config.ssrApp);
  return createAppRender(app, { siteOrigin, manifest: app.clientBuild?.manifest, onError });
}
