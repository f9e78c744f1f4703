/** The same `render()` every ssr-offload host calls, built from dist/ like the renderer does. */
import { createRenderer } from '../../dist/node/ssr/index.js';
import { loadClientBuild } from '../../dist/node/server/client-build.js';

export function createPageRender(siteOrigin = 'http://localhost:3000') {
  const clientBuild = loadClientBuild();
  return createRenderer({ siteOrigin, manifest: clientBuild?.manifest });
}

/** Plain object headers from a node:http request (repeated headers comma-joined). */
export function plainHeaders(req) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  return headers;
}
