/**
 * FC 3.0 built-in runtime entry (`runtime: nodejs20`, `handler: index.handler`, initializer
 * `index.initialize`). Bundled by scripts/build-function.mjs into dist/function/index.mjs. Never imports
 * Fastify: only ssr/, server/config.ts and server/errors.ts (STYLE.md rule 1).
 * @example
 * // FC: await handler(Buffer.from(JSON.stringify(httpTriggerEvent)), context) → { statusCode, headers, isBase64Encoded, body }
 * // SDK: await handler(Buffer.from('{"url":"/products/1001","headers":{}}'), context) → { status, headers, html }
 */
import { loadConfig } from '../server/config.js';
import { createRenderer, type Render } from '../ssr/index.js';
import { clientManifest } from './client-manifest.js';
import type { FcContext } from './fc-event.js';
import { createHandler } from './invocation.js';

let render: Render | undefined;

/** One renderer per instance, created on first use (the initializer makes that happen before traffic). */
function renderer(): Render {
  // eslint-disable-next-line no-restricted-properties -- entry point: the one reader of the environment here
  render ??= createRenderer({ siteOrigin: loadConfig({ ROLE: 'function', ...process.env }).siteOrigin, manifest: clientManifest() });
  return render;
}

/** HTTP-trigger event or direct-invoke payload in, FC response struct or `{status, headers, html}` out. */
export const handler = createHandler(renderer);

/** FC initializer hook: build the renderer and render one page so the first real request is warm. */
export async function initialize(_context?: FcContext): Promise<void> {
  await renderer()({ url: '/', headers: {} });
}
