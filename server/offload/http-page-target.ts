/**
 * A render target reached over HTTP: FC's HTTP trigger (`FC_URL`) or the renderer Service
 * (`FALLBACK_URL`). One keep-alive pool per target; the deadline is a per-call timer + AbortController
 * (server/call-deadline.ts) covering headers and body, because undici's own header/body timers have
 * ~1 s resolution (docs/sources.md#undici-timers) and an `AbortSignal.timeout` inside `AbortSignal.any`
 * can be garbage-collected before it fires (https://github.com/nodejs/node/issues/57736).
 */
import { ENCODED_BODY, joinBody, type EncodedRenderResult } from '../encoded-body.js';
import type { RenderResult } from '../render-contract.js';
import { canonicalPageUrl } from '../page-url.js';
import { undiciAgent } from './undici-agent.js';
import { startDeadline } from '../call-deadline.js';
import { BadRequestUrlError, UpstreamFailureError } from '../errors.js';
import { assertPageBody, assertPageHead, pageHeaders } from './page-response.js';
import { countingInflight, type RenderCall, type RenderTarget } from './render-target.js';

export interface HttpPageTargetOptions {
  name: string;
  /** Base URL; the page's path goes under its path (an FC_URL may carry one, e.g. `/fc/render`). */
  baseUrl: string;
  timeoutMs: number;
  /** Forward the browser's cookie header (off by default: pages are public and cacheable). */
  forwardCookies?: boolean;
  /** Larger answers are refused as malformed rather than buffered without bound. */
  maxBodyBytes?: number;
  connections?: number;
}

const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

/** The whole body, in one buffer of its own (a copy: never a view on a socket's read buffer or Node's pool). */
async function readBody(body: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw new UpstreamFailureError('FC_MALFORMED', `body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return joinBody(chunks, size);
}

/**
 * The request target on the upstream: `basePath` + the page's canonical path + its query. A page URL
 * that is not canonical is refused (SSR_ERR_BAD_URL) instead of sent: undici, like any WHATWG URL
 * parser, would resolve its dot-segments (`%2e%2e` included) and could leave the base path. The result
 * is checked against what a WHATWG parser makes of it, so nothing on the way can rewrite it.
 *
 * @example
 * upstreamTarget('/fc/render', '/products/1001?x=1'); // '/fc/render/products/1001?x=1'
 * upstreamTarget('/fc/render', '/%2e%2e/admin');      // throws SSR_ERR_BAD_URL
 */
export function upstreamTarget(basePath: string, pageUrl: string): string {
  const url = canonicalPageUrl(pageUrl);
  if (!url.ok) throw new BadRequestUrlError(url.reason);
  if (!url.canonical) throw new BadRequestUrlError('not in canonical form');
  const path = basePath + url.path;
  if (new URL(path, 'http://upstream.invalid').pathname !== path) throw new BadRequestUrlError('the upstream path would be rewritten');
  return url.query === undefined ? path : `${path}?${url.query}`;
}

export function createHttpPageTarget(options: HttpPageTargetOptions): RenderTarget {
  const base = new URL(options.baseUrl);
  const origin = base.origin;
  const basePath = base.pathname.replace(/\/+$/, '');
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const Agent = undiciAgent();
  const agent = new Agent({
    connections: options.connections ?? 256,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    // Backstops only: the call's deadline (startDeadline below) is the real one.
    headersTimeout: options.timeoutMs + 1000,
    bodyTimeout: options.timeoutMs + 1000,
    connect: { timeout: options.timeoutMs },
  });

  async function renderOverHttp(call: RenderCall): Promise<RenderResult> {
    const headers: Record<string, string> = { ...call.forwardHeaders, ...call.renderRequest.headers, accept: 'text/html' };
    if (!options.forwardCookies) delete headers.cookie;
    // origin + path straight to the dispatcher: undici's `request(url)` would parse (and resolve) it again.
    const path = upstreamTarget(basePath, call.renderRequest.url);
    // Held by this call until `finally`, body included: a GC cannot take it (server/call-deadline.ts).
    const deadline = startDeadline(options.timeoutMs, call.signal, `${options.name} render`);
    try {
      // HEAD pages are answered from a full GET as well, so content-length and validation match GET.
      const response = await agent.request({ origin, path, method: 'GET', headers, signal: deadline.signal });
      try {
        assertPageHead(response.statusCode, response.headers);
      } catch (error) {
        // Drain (up to undici's 128 KB dump limit) so the keep-alive socket is reused; never serve it.
        response.body.dump().catch(() => undefined);
        throw error;
      }
      const body = await readBody(response.body, limit);
      const html = body.toString('utf8');
      assertPageBody(response.statusCode, html);
      // The bytes travel with the page: the client (and the render cache) get them as they came.
      const page: EncodedRenderResult = { status: response.statusCode, headers: pageHeaders(response.headers), html, [ENCODED_BODY]: body };
      return page;
    } finally {
      deadline.clear();
    }
  }

  const counted = countingInflight(renderOverHttp);
  return { name: options.name, ...counted, close: () => agent.close() };
}
