/**
 * examples/vue-blog as the tests use it: built once per test run by `pretest` (`npm run build:example`,
 * into examples/vue-blog/dist, never the demo's dist/), and FC HTTP-trigger calls for a built handler.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FcHttpResponse } from '../../functions/fc-event.js';
import type { CallHost } from '../contract/render-contract.js';
import { asBuffer, context } from '../fixtures/fc-events.js';

export const EXAMPLE_DIR = fileURLToPath(new URL('../../examples/vue-blog/', import.meta.url));
export const EXAMPLE_FUNCTION = `${EXAMPLE_DIR}dist/function/index.mjs`;

/** Throws with the command to run when the example has not been built. */
export function assertExampleBuilt(): void {
  for (const file of ['dist/app/index.mjs', 'dist/client/.vite/manifest.json', 'dist/function/index.mjs', 'dist/function.zip']) {
    if (!existsSync(`${EXAMPLE_DIR}${file}`)) throw new Error(`examples/vue-blog/${file} is missing: run npm run build:example (pretest does)`);
  }
}

type Handler = (event: Buffer, ctx: typeof context) => Promise<unknown>;

/** Call a built-in handler the way FC's HTTP trigger does (FC 3.0 event, response struct back). */
export function httpTriggerCaller(handler: Handler): CallHost {
  return async ({ url, headers, method = 'GET' }) => {
    const parsed = new URL(url, 'http://fc.invalid');
    const event = {
      version: 'v1',
      rawPath: parsed.pathname,
      body: '',
      isBase64Encoded: false,
      headers,
      queryParameters: Object.fromEntries(parsed.searchParams),
      requestContext: { requestId: 'rid', http: { method, path: decodeURIComponent(parsed.pathname), protocol: 'HTTP/1.1' } },
    };
    const response = await handler(asBuffer(event), context) as FcHttpResponse;
    return { status: response.statusCode, headers: response.headers, html: response.body };
  };
}
