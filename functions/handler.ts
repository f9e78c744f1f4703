/**
 * FC 3.0 built-in runtime entry (`runtime: nodejs20`, `handler: index.handler`, initializer
 * `index.initialize`). Bundled by scripts/build-function.mjs into dist/function/index.mjs. Never imports
 * Fastify: only ssr/, server/config.ts and server/errors.ts (STYLE.md rule 1).
 * @example
 * // FC: await handler(Buffer.from(JSON.stringify(httpTriggerEvent)), context) → { statusCode, headers, isBase64Encoded, body }
 * // SDK: await handler(Buffer.from('{"url":"/products/1001","headers":{}}'), context) → { status, headers, html }
 */
import { loadConfig, type Config } from '../server/config.js';
import { createRenderer, type Render } from '../ssr/index.js';
import { clientManifest } from './client-manifest.js';
import type { FcContext } from './fc-event.js';
import { createHandler, type TraceInvocation } from './invocation.js';

let config: Config | undefined;
let render: Render | undefined;
let tracing: Promise<TraceInvocation | undefined> | undefined;

// eslint-disable-next-line no-restricted-properties -- entry point: the one reader of the environment here
const functionConfig = (): Config => (config ??= loadConfig({ ROLE: 'function', ...process.env }));

/** One renderer per instance, created on first use (the initializer makes that happen before traffic). */
function renderer(): Render {
  render ??= createRenderer({ siteOrigin: functionConfig().siteOrigin, manifest: clientManifest() });
  return render;
}

/** The OpenTelemetry chunk is imported only when an OTLP endpoint is set; a failure to load it never fails a page. */
function traceInvocation(): Promise<TraceInvocation | undefined> {
  const telemetry = functionConfig().telemetry;
  tracing ??= telemetry ? import('./function-tracing.js').then((m) => m.startFunctionTracing(telemetry)).catch((error: unknown) => {
    console.error(JSON.stringify({ level: 'warn', msg: `tracing is off: ${(error as Error).message}` }));
    return undefined;
  }) : Promise.resolve(undefined);
  return tracing;
}

/** HTTP-trigger event or direct-invoke payload in, FC response struct or `{status, headers, html}` out. */
export const handler = createHandler(renderer, { trace: traceInvocation });

/** FC initializer hook: build the renderer and render one page so the first real request is warm. */
export async function initialize(_context?: FcContext): Promise<void> {
  await renderer()({ url: '/', headers: {} });
}
