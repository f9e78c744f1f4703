/**
 * The render contract, seen from the hosts: what an app module must export for ssr-offload to serve it
 * (gateway in-process render, renderer role, FC custom runtime, FC built-in handler). An app implements it
 * structurally; it never imports ssr-offload. docs/your-app.md explains it for app authors.
 */

/** A page request as every host sees it. */
export interface RenderRequest {
  /** Path plus query, e.g. `/category/shoes?page=2`. Always starts with `/`; validated by the host. */
  url: string;
  /** Lower-case header names; only `accept-language`, `user-agent` (and `cookie` where configured). */
  headers: Record<string, string>;
}

/** A finished page: status and headers chosen by the app, and the whole HTML document. */
export interface RenderResult {
  status: number;
  headers: Record<string, string>;
  html: string;
}

/** The one function every host calls. A new app instance per call: no state shared across requests. */
export type Render = (req: RenderRequest) => Promise<RenderResult>;

/** One entry of Vite's `.vite/manifest.json` (https://vite.dev/guide/backend-integration). */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type ViteManifest = Record<string, ManifestChunk>;

/** What a host passes to the app's `createRenderer`, once per process. */
export interface AppRendererOptions {
  /** Absolute origin for canonical and Open Graph URLs (`SITE_ORIGIN`); never the request's Host. */
  siteOrigin: string;
  /** The app's own Vite client manifest, or undefined when it has no client build. */
  manifest: ViteManifest | undefined;
  /** Told about data-load failures and render crashes (the host logs them). */
  onError: (error: unknown, url: string) => void;
}

/** The module `SSR_APP` points at. */
export interface SsrAppModule {
  createRenderer(options: AppRendererOptions): Render | Promise<Render>;
}
