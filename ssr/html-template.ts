/**
 * The HTML document around the app. Kept as code rather than an index.html file so the FC bundle needs
 * no file system access at render time.
 */
import type { SSRHeadPayload } from '@unhead/vue/server';
import type { PageAssets } from './asset-links.js';

export interface DocumentParts {
  head: SSRHeadPayload;
  assets: PageAssets;
  appHtml: string;
  stateScript: string;
}

/** Inline icon: no extra request, and no 404 in every visitor's console for /favicon.ico. */
const ICON = `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f6f5c"/></svg>')}">`;

export function renderDocument({ head, assets, appHtml, stateScript }: DocumentParts): string {
  return `<!DOCTYPE html>
<html${head.htmlAttrs}>
<head>
${head.headTags}
${ICON}
${assets.head}
</head>
<body${head.bodyAttrs}>
${head.bodyTagsOpen}<div id="app">${appHtml}</div>
${stateScript}
${assets.entryScript}
${head.bodyTags}
</body>
</html>
`;
}

/** A page for answers that never reach the app (bad URL, render crash). No user input is echoed. */
export function renderPlainPage(status: number, title: string, message: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title></head>
<body><main><h1>${title}</h1><p>${message}</p><p><a href="/">Home</a></p></main></body>
</html>
`;
}
