/**
 * The same `render()` the gateway's in-process path calls: the app found through the same plug
 * (dist/node/server/ssr-app.js: `SSR_APP`, unset = this repository's demo shop, whose built server module is
 * dist/app/index.mjs), with its client build's manifest, for one site origin — not the tsc build of the same
 * source (dist/node/ssr/), which no host runs.
 */
import { createAppRender, resolveSsrApp } from '../../dist/node/server/ssr-app.js';

export async function createPageRender(siteOrigin = 'http://localhost:3000') {
  const app = resolveSsrApp({ spec: process.env.SSR_APP || undefined, clientDir: process.env.SSR_CLIENT_DIR || undefined });
  return createAppRender(app, { siteOrigin, manifest: app.clientBuild?.manifest });
}

/** Plain object headers from a node:http request (repeated headers comma-joined). */
export function plainHeaders(req) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  return headers;
}
