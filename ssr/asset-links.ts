/**
 * Turns Vite's client build manifest into the tags a page needs: the entry script, its CSS, and
 * `modulepreload` links for the route's own chunk and everything it imports, so the browser fetches
 * them in parallel instead of discovering them one import at a time.
 */

/** One entry of `.vite/manifest.json` (the fields we read). */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type ViteManifest = Record<string, ManifestChunk>;

export const CLIENT_ENTRY = 'ssr/entry-client.ts';

export interface PageAssets {
  /** Tags for <head>: stylesheet and modulepreload links. */
  head: string;
  /** The entry script tag (empty when no client build is available: the page still works without JS). */
  entryScript: string;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Precompute the tags for every page module once; per request it is a map lookup.
 * @param manifest Vite client manifest, or undefined for a render without client assets.
 * @param modules Page module keys (route `meta.module`).
 * @param assetBase Public URL prefix of the client build, e.g. `/` or `https://cdn.example.com/`.
 */
export function createAssetLinks(manifest: ViteManifest | undefined, modules: readonly string[], assetBase = '/'): (module?: string) => PageAssets {
  if (!manifest || !manifest[CLIENT_ENTRY]) return () => ({ head: '', entryScript: '' });
  const base = assetBase.endsWith('/') ? assetBase : `${assetBase}/`;
  const url = (file: string) => escapeAttribute(base + file);

  const collect = (keys: string[], scripts: Set<string>, styles: Set<string>, seen: Set<string>) => {
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      const chunk = manifest[key];
      if (!chunk) continue;
      scripts.add(chunk.file);
      for (const css of chunk.css ?? []) styles.add(css);
      collect(chunk.imports ?? [], scripts, styles, seen);
    }
  };
  const entry = manifest[CLIENT_ENTRY]!;
  const entryScript = `<script type="module" crossorigin src="${url(entry.file)}"></script>`;
  const tagsFor = (keys: string[]): PageAssets => {
    const scripts = new Set<string>();
    const styles = new Set<string>();
    collect(keys, scripts, styles, new Set());
    scripts.delete(entry.file);
    const head = [
      ...[...styles].map((file) => `<link rel="stylesheet" href="${url(file)}">`),
      ...[...scripts].map((file) => `<link rel="modulepreload" crossorigin href="${url(file)}">`),
    ].join('\n');
    return { head, entryScript };
  };
  const byModule = new Map(modules.map((module) => [module, tagsFor([CLIENT_ENTRY, module])]));
  const entryOnly = tagsFor([CLIENT_ENTRY]);
  return (module) => (module && byModule.get(module)) || entryOnly;
}
