/** The only public door of ssr/: hosts import from here and nowhere else. */
export type { Render, RenderRequest, RenderResult } from './contract.js';
export { createRenderer, type RendererOptions } from './render.js';
export type { ViteManifest } from './asset-links.js';
export type { DataSource } from './data-source.js';
export { createCatalogDataSource } from './data-source.js';
export { parsePageUrl, MAX_URL_LENGTH } from './page-url.js';
