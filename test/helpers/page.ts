/** Reads a rendered page the way a crawler would: through an HTML parser, not regexes. */
import { parse, type HTMLElement } from 'node-html-parser';

export interface ParsedPage {
  root: HTMLElement;
  title: string;
  meta(nameOrProperty: string): string | undefined;
  canonical: string | undefined;
  jsonLd: Array<Record<string, unknown>>;
  h1: string;
  /** The raw text of the hydration state script. */
  stateText: string | undefined;
}

export function parsePage(html: string): ParsedPage {
  const root = parse(html, { script: true, style: true });
  const head = root.querySelector('head');
  return {
    root,
    title: head?.querySelector('title')?.text ?? '',
    meta: (key) => (head?.querySelector(`meta[name="${key}"]`) ?? head?.querySelector(`meta[property="${key}"]`))?.getAttribute('content'),
    canonical: head?.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    jsonLd: (head?.querySelectorAll('script[type="application/ld+json"]') ?? []).map((script) => JSON.parse(script.rawText) as Record<string, unknown>),
    h1: root.querySelector('h1')?.text ?? '',
    stateText: root.querySelector('#__SSR_STATE__')?.rawText,
  };
}
