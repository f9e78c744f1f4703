/** The document around the app: head tags, assets from the Vite manifest, the app and its state. */
import type { Head } from './routes.js';

export interface ManifestChunk { file: string; css?: string[]; imports?: string[] }
export type Manifest = Record<string, ManifestChunk>;

/** The manifest key of the browser entry: its path relative to the app directory (Vite's root). */
export const CLIENT_ENTRY = 'src/entry-client.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Script and stylesheet tags for the entry and everything it imports (empty without a client build). */
export function assetTags(manifest: Manifest | undefined): { head: string; body: string } {
  const entry = manifest?.[CLIENT_ENTRY];
  if (!manifest || !entry) return { head: '', body: '' };
  const css = new Set<string>();
  const preload = new Set<string>();
  const visit = (key: string, seen = new Set<string>()) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    for (const file of chunk.css ?? []) css.add(file);
    if (key !== CLIENT_ENTRY) preload.add(chunk.file);
    for (const child of chunk.imports ?? []) visit(child, seen);
  };
  visit(CLIENT_ENTRY);
  return {
    head: [...[...css].map((file) => `<link rel="stylesheet" href="/${escapeHtml(file)}">`), ...[...preload].map((file) => `<link rel="modulepreload" crossorigin href="/${escapeHtml(file)}">`)].join('\n'),
    body: `<script type="module" crossorigin src="/${escapeHtml(entry.file)}"></script>`,
  };
}

export function headTags(head: Head): string {
  const tags = [
    `<title>${escapeHtml(head.title)}</title>`,
    `<meta name="description" content="${escapeHtml(head.description)}">`,
    `<meta property="og:title" content="${escapeHtml(head.title)}">`,
    `<meta property="og:description" content="${escapeHtml(head.description)}">`,
  ];
  if (head.canonical) tags.push(`<link rel="canonical" href="${escapeHtml(head.canonical)}">`, `<meta property="og:url" content="${escapeHtml(head.canonical)}">`);
  if (head.robots) tags.push(`<meta name="robots" content="${escapeHtml(head.robots)}">`);
  // JSON-LD: `<` escaped so data cannot close the script element.
  if (head.jsonLd) tags.push(`<script type="application/ld+json">${JSON.stringify(head.jsonLd).replace(/</g, '\\u003c')}</script>`);
  return tags.join('\n');
}

export function renderHtml(parts: { head: string; assets: { head: string; body: string }; appHtml: string; state: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
${parts.head}
${parts.assets.head}
</head>
<body>
<div id="app">${parts.appHtml}</div>
${parts.state}
${parts.assets.body}
</body>
</html>
`;
}

export function plainPage(status: number, title: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><h1>${status} ${escapeHtml(title)}</h1></body></html>\n`;
}
