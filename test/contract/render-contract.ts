/**
 * One contract, many hosts (Nitro's `testNitro`): every host that serves pages — the in-process render,
 * the renderer server, the FC built-in handler, the custom runtime, the gateway — must pass these
 * assertions. A host's test file only supplies `call(req)`.
 */
import type { Test } from 'tap';
import type { RenderRequest, RenderResult } from '../../ssr/index.js';
import { parsePage } from '../helpers/page.js';

export type CallHost = (req: RenderRequest & { method?: 'GET' | 'HEAD' }) => Promise<RenderResult>;

export const SITE_ORIGIN = 'https://shop.example.com';

function header(result: RenderResult, name: string): string | undefined {
  const key = Object.keys(result.headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : result.headers[key];
}

export function renderContract(t: Test, call: CallHost, options: { renderBy?: string } = {}): void {
  t.test('a product page answers 200 with its title, canonical and Product JSON-LD', async (t) => {
    const result = await call({ url: '/products/1001', headers: {} });
    t.equal(result.status, 200);
    t.match(header(result, 'content-type'), /^text\/html/);
    const page = parsePage(result.html);
    t.match(page.title, /\| Northwind Goods$/);
    t.equal(page.canonical, `${SITE_ORIGIN}/products/1001`);
    t.ok(page.jsonLd.some((data) => data['@type'] === 'Product'), 'Product JSON-LD present');
    if (options.renderBy) t.equal(header(result, 'x-render-by'), options.renderBy);
  });

  t.test('an unknown route answers 404 with the not-found page', async (t) => {
    const result = await call({ url: '/no/such/page', headers: {} });
    t.equal(result.status, 404);
    t.equal(parsePage(result.html).h1, 'Page not found');
  });

  t.test('an old product URL answers 301 with location', async (t) => {
    const result = await call({ url: '/item/1001', headers: {} });
    t.equal(result.status, 301);
    t.equal(header(result, 'location'), '/products/1001');
  });

  t.test('a search for <script> shows it as text, never as markup', async (t) => {
    const result = await call({ url: '/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E', headers: {} });
    t.equal(result.status, 200);
    const page = parsePage(result.html);
    t.equal(page.h1, 'Results for “<script>alert(1)</script>”');
    // The query may appear inside quoted attribute values (inert) and escaped in JSON; it must never
    // become an element of its own.
    const executable = page.root.querySelectorAll('script').filter((script) => !/json/.test(script.getAttribute('type') ?? ''));
    t.notOk(executable.some((script) => script.rawText.includes('alert')), 'no script element carries the query');
    t.notOk(page.root.querySelectorAll('script').some((script) => script.rawText.includes('</script')), 'no script text contains </script');
  });

  t.test('hydration state cannot be closed by </script> in catalog data', async (t) => {
    const result = await call({ url: '/products/1008', headers: {} });
    const state = parsePage(result.html).stateText ?? '';
    t.match(state, /alert/, 'the product with markup in its description is the one rendered');
    t.notMatch(state, /<\/script/i);
  });

  t.test('HEAD answers the status and headers with no body', async (t) => {
    const result = await call({ url: '/products/1001', headers: {}, method: 'HEAD' });
    t.equal(result.status, 200);
    t.equal(result.html, '');
  });
}
