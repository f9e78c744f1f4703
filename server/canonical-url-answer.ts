/**
 * What every host answers for a URL that is not canonical (page-url.ts): the 400 page for a URL that has
 * no safe canonical form, a 301 to the canonical URL for one that has. The Fastify hosts and the FC
 * invocation send exactly these, so the gateway, the renderer, the custom runtime and FC answer alike.
 */
import { ANSWER_HEADERS } from './answer-header-values.js';
import { BadRequestUrlError } from './errors.js';
import type { CanonicalUrl } from './page-url.js';
import { renderPlainPage } from './plain-page.js';
import type { RenderResult } from './render-contract.js';

const HTML = 'text/html; charset=utf-8';

/** `SSR_ERR_BAD_URL`: the code the 400 page names. */
export const BAD_URL_CODE = new BadRequestUrlError('request target').code;
/** A permanent redirect may be cached for an hour (RFC 9111 §4.2.2 lets caches keep a 301 heuristically anyway). */
const REDIRECT_CACHE_CONTROL = 'public, max-age=3600';

/** The HTML 400 page for a URL that cannot be served; nothing of the URL is echoed. */
export function badUrlPage(): RenderResult {
  return {
    status: 400,
    // The answer headers too: Fastify's bad-URL reply (frameworkErrors) runs outside the onSend hooks.
    headers: { 'content-type': HTML, 'cache-control': 'no-store', 'x-error-code': BAD_URL_CODE, ...ANSWER_HEADERS },
    html: renderPlainPage(400, 'Bad request', `The address of this page is not valid (${BAD_URL_CODE}).`),
  };
}

/**
 * The answer a host sends instead of rendering, or `undefined` when the URL is canonical and may be
 * rendered. Only GET and HEAD are redirected: a 301 would turn another method into a GET
 * (RFC 9110 §15.4.2), so those get the 400 page.
 *
 * @example
 * const early = canonicalUrlAnswer(canonicalPageUrl('/x/../products/1001'), 'GET');
 * // { status: 301, headers: { location: '/products/1001', … }, html: '…' }
 */
export function canonicalUrlAnswer(url: CanonicalUrl, method = 'GET'): RenderResult | undefined {
  if (!url.ok) return badUrlPage();
  if (url.canonical) return undefined;
  if (method !== 'GET' && method !== 'HEAD') return badUrlPage();
  return {
    status: 301,
    // Always a path starting with one `/` (page-url.ts refuses `//host`), so never another origin.
    headers: { location: url.url, 'content-type': HTML, 'cache-control': REDIRECT_CACHE_CONTROL },
    html: renderPlainPage(301, 'Moved permanently', 'This page has moved.'),
  };
}
