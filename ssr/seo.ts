/**
 * One call per page for everything a crawler reads in <head>: title, description, canonical,
 * Open Graph, robots and JSON-LD. Canonical URLs are built from the configured site origin with `URL`,
 * never from the request's Host header (which a client controls).
 */
import { useHead, useSeoMeta } from '@unhead/vue';
import { usePageState } from './page-state.js';

export const SITE_NAME = 'Northwind Goods';

export interface PageSeo {
  title: string;
  description: string;
  /** Path plus canonical query of this page, e.g. `/category/shoes?page=2`. */
  path: string;
  type?: 'website' | 'article' | 'product';
  /** `noindex` pages (search results, errors) must not be indexed but links may be followed. */
  noindex?: boolean;
  /** schema.org objects, each rendered as its own `application/ld+json` script. */
  jsonLd?: Array<Record<string, unknown>>;
  /** rel=prev / rel=next for paginated listings. */
  prev?: string;
  next?: string;
}

/** Absolute URL of a site path. */
export function absoluteUrl(siteOrigin: string, path: string): string {
  return new URL(path, siteOrigin).href;
}

/** Register the page's head tags for this request (or this client-side navigation). */
export function usePageSeo(seo: PageSeo): void {
  const { siteOrigin } = usePageState();
  const canonical = absoluteUrl(siteOrigin, seo.path);
  useSeoMeta({
    title: seo.title,
    description: seo.description,
    ogTitle: seo.title,
    ogDescription: seo.description,
    ogType: seo.type === 'article' ? 'article' : 'website',
    ogUrl: canonical,
    ogSiteName: SITE_NAME,
    twitterCard: 'summary',
    robots: seo.noindex ? 'noindex, follow' : 'index, follow',
  });
  useHead({
    link: [
      { rel: 'canonical', href: canonical },
      ...(seo.prev ? [{ rel: 'prev' as const, href: absoluteUrl(siteOrigin, seo.prev) }] : []),
      ...(seo.next ? [{ rel: 'next' as const, href: absoluteUrl(siteOrigin, seo.next) }] : []),
    ],
    // unhead serializes textContent objects with `<` escaped, so catalog text cannot close the script.
    script: (seo.jsonLd ?? []).map((data, index) => ({
      key: `jsonld-${index}`,
      type: 'application/ld+json',
      textContent: { '@context': 'https://schema.org', ...data },
    })),
  });
}
