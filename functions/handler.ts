/**
 * FC 3.0 built-in runtime entry (`runtime: nodejs20`, `handler: index.handler`, initializer
 * `index.initialize`). Bundled by scripts/build-app.mjs into `<outDir>/function/index.mjs` with the
 * configured app baked in (functions/function-app.ts). Never imports Fastify: only server/config.ts,
 * server/errors.ts and the plug (STYLE.md rule 1). Needs no variable starting with `FC_` (FC reserves them).
 * @example
 * // FC: await handler(Buffer.from(JSON.stringify(httpTriggerEvent)), context) → { statusCode, headers, isBase64Encoded, body }
 * // SDK: await handler(Buffer.from('{"url":"/products/1001","headers":{}}'), context) → { status, headers, html }
 */
import { loadConfig, type Config } from '../server/config.js';
import type { Render } from '../server/render-contract.js';
import type { FcContext } from './fc-event.js';
import { createFunctionRender } from './function-app.js';
import { createHandler, type TraceInvocation } from './invocation.js';

let config: Config | undefined;
let render: Promise<Render> | undefined;
let tracing: Promise<TraceInvocation | undefined> | undefined;

// eslint-disable-next-line no-restricted-properties -- entry point: the one reader of the environment here
const functionConfig = (): Config => (config ??= loadConfig({ ROLE: 'function', ...process.env }));

function logAppError(error: unknown, url: string): void {
  console.error(JSON.stringify({ level: 'error', msg: 'page data failed to load', url, err: String((error as Error)?.stack ?? error) }));
}

/** One renderer per instance, created on first use (the initializer makes that happen before traffic). */
function renderer(): Promise<Render> {
  if (!render) {
    render = createFunctionRender(functionConfig().siteOrigin, logAppError);
    // A failed start-up is retried by the next call instead of being cached forever.
    render.catch(() => { render = undefined; });
  }
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
  await (await renderer())({ url: '/', headers: {} });
}
