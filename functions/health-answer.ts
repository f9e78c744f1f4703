/**
 * The function's health answer: what `GET /healthz` over the HTTP trigger and the direct-invoke payload
 * `{"url": "/healthz"}` get, without rendering a page. The gateway's active health checks
 * (server/sites/target-probe.ts) probe it; every Fastify host (and so the custom runtime over HTTP)
 * answers the same path with the same body (server/plugins/health.ts), so no app can own a `/healthz` page.
 */
import type { RenderRequest, RenderResult } from '../server/render-contract.js';

/** The path the function answers itself (the sites file's default `healthCheck.path`). */
export const HEALTH_PATH = '/healthz';

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** True for a request of the health path (any query is ignored). */
export function isHealthRequest(request: RenderRequest): boolean {
  const end = request.url.indexOf('?');
  return (end < 0 ? request.url : request.url.slice(0, end)) === HEALTH_PATH;
}

/**
 * `ok` (200): the instance runs and its app is loaded (`ready` resolved: building the renderer is no render);
 * `unavailable` (503): loading the app failed, so every page would fail too.
 * @example
 * await healthAnswer(renderer()); // { status: 200, headers: {…}, html: '{"status":"ok"}' }
 */
export async function healthAnswer(ready: Promise<unknown>): Promise<RenderResult> {
  try {
    await ready;
    return { status: 200, headers: { ...HEADERS }, html: '{"status":"ok"}' };
  } catch {
    return { status: 503, headers: { ...HEADERS }, html: '{"status":"unavailable"}' };
  }
}
