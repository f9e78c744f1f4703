/**
 * One contract, many hosts (Nitro's `testNitro`), many apps: every host that serves pages — the
 * in-process render, the renderer server, the FC built-in handler, the custom runtime, the gateway — must
 * pass these assertions for every app plugged in through SSR_APP. A host's test file supplies
 * `call(req)`; an app supplies its profile (which URLs show which behaviour): `SHOP` for the demo,
 * `VUE_BLOG` for examples/vue-blog.
 */
import type { Test } from 'tap';
import type { RenderRequest, RenderResult } from '../../server/render-contract.js';
import { parsePage } from '../helpers/page.js';

export type CallHost = (req: RenderRequest & { method?: 'GET' | 'HEAD' }) => Promise<RenderResult>;

/** Where an app shows each behaviour the contract checks. */
export interface ContractApp {
  name: string;
  siteOrigin: string;
  /** A 200 page with a title, a canonical URL and JSON-LD of this type. */
  page: { url: string; title: RegExp; canonicalPath: string; jsonLdType: string };
  notFound: { url: string; h1: string };
  redirect: { url: string; location: string };
  /** A page that shows a query value: the value must come out as text. */
  reflect: { url: (value: string) => string; h1: (value: string) => string };
  /** A page whose data carries `</script>`, and the id of the hydration-state script. */
  markupInState: { url: string; stateId: string };
}

export const SITE_ORIGIN = 'https://shop.example.com';

export const SHOP: ContractApp = {
  name: 'demo shop',
  siteOrigin: SITE_ORIGIN,
  page: { url: '/products/1001', title: /\| Northwind Goods$/, canonicalPath: '/products/1001', jsonLdType: 'Product' },
  notFound: { url: '/no/such/page', h1: 'Page not found' },
  redirect: { url: '/item/1001', location: '/products/1001' },
  reflect: { url: (value) => `/search?q=${encodeURIComponent(value)}`, h1: (value) => `Results for “${value}”` },
  markupInState: { url: '/products/1008', stateId: '__SSR_STATE__' },
};

export const VUE_BLOG: ContractApp = {
  name: 'examples/vue-blog',
  siteOrigin: 'https://blog.example.com',
  page: { url: '/notes/offload-the-spikes', title: /^Offload the spikes · vue-blog$/, canonicalPath: '/notes/offload-the-spikes', jsonLdType: 'BlogPosting' },
  notFound: { url: '/notes/no-such-note', h1: 'Nothing here' },
  redirect: { url: '/n/breakers-and-hedges', location: '/notes/breakers-and-hedges' },
  reflect: { url: (value) => `/tags?tag=${encodeURIComponent(value)}`, h1: (value) => `Tagged “${value}”` },
  markupInState: { url: '/notes/markup-in-data', stateId: '__VUE_BLOG_STATE__' },
};

function header(result: RenderResult, name: string): string | undefined {
  const key = Object.keys(result.headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : result.headers[key];
}

export function renderContract(t: Test, call: CallHost, options: { renderBy?: string; app?: ContractApp } = {}): void {
  const app = options.app ?? SHOP;

  t.test(`${app.name}: a page answers 200 with its title, canonical and ${app.page.jsonLdType} JSON-LD`, async (t) => {
    const result = await call({ url: app.page.url, headers: {} });
    t.equal(result.status, 200);
    t.match(header(result, 'content-type'), /^text\/html/);
    const page = parsePage(result.html);
    t.match(page.title, app.page.title);
    t.equal(page.canonical, `${app.siteOrigin}${app.page.canonicalPath}`);
    t.ok(page.jsonLd.some((data) => data['@type'] === app.page.jsonLdType), `${app.page.jsonLdType} JSON-LD present`);
    if (options.renderBy) t.equal(header(result, 'x-render-by'), options.renderBy);
  });

  t.test(`${app.name}: an unknown route answers 404 with the not-found page`, async (t) => {
    const result = await call({ url: app.notFound.url, headers: {} });
    t.equal(result.status, 404);
    t.equal(parsePage(result.html).h1, app.notFound.h1);
  });

  t.test(`${app.name}: a moved URL answers 301 with location`, async (t) => {
    const result = await call({ url: app.redirect.url, headers: {} });
    t.equal(result.status, 301);
    t.equal(header(result, 'location'), app.redirect.location);
  });

  t.test(`${app.name}: <script> in the query is shown as text, never as markup`, async (t) => {
    const value = '<script>alert(1)</script>';
    const result = await call({ url: app.reflect.url(value), headers: {} });
    t.equal(result.status, 200);
    const page = parsePage(result.html);
    t.equal(page.h1, app.reflect.h1(value));
    // The query may appear inside quoted attribute values (inert) and escaped in JSON; it must never
    // become an element of its own.
    const executable = page.root.querySelectorAll('script').filter((script) => !/json/.test(script.getAttribute('type') ?? ''));
    t.notOk(executable.some((script) => script.rawText.includes('alert')), 'no script element carries the query');
    t.notOk(page.root.querySelectorAll('script').some((script) => script.rawText.includes('</script')), 'no script text contains </script');
  });

  t.test(`${app.name}: hydration state cannot be closed by </script> in data`, async (t) => {
    const result = await call({ url: app.markupInState.url, headers: {} });
    const state = parsePage(result.html).root.querySelector(`#${app.markupInState.stateId}`)?.rawText ?? '';
    t.match(state, /alert/, 'the page whose data carries markup is the one rendered');
    t.notMatch(state, /<\/script/i);
  });

  t.test(`${app.name}: HEAD answers the status and headers with no body`, async (t) => {
    const result = await call({ url: app.page.url, headers: {}, method: 'HEAD' });
    t.equal(result.status, 200);
    t.equal(result.html, '');
  });
}
