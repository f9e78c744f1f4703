/**
 * The plug: which app ssr-offload serves. `SSR_APP` names it, and every host reads it through here
 * (gateway in-process render, renderer role, FC custom runtime; the FC built-in bundle is built from the
 * same resolution by scripts/build-app.mjs). Nothing else in server/ or functions/ imports an app.
 *
 * `SSR_APP` is one of
 * - an **app directory** holding `ssr-offload.config.json` (`{"server", "client", "outDir"}`): its built
 *   server module `<outDir>/app/index.mjs` and client build `<outDir>/client/` (what `npm run build` writes);
 * - a **module** file (`.mjs`/`.js`, or `.ts` under tsx) or an installed **package** name exporting
 *   `createRenderer`; its client build is `SSR_CLIENT_DIR`, else `../client/` beside the module when that
 *   holds a Vite manifest (Vite's own `dist/server` + `dist/client` layout), else none;
 * - `off`: no in-process app (the gateway's "any SSR server" mode: FC runs your server, FALLBACK_URL is it).
 *
 * Unset, it is this repository's root directory, whose `ssr-offload.config.json` names the demo shop:
 * the demo goes through exactly this plug.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadClientBuild, type ClientBuild } from './client-build.js';
import { ConfigError } from './errors.js';
import type { AppRendererOptions, Render, SsrAppModule } from './render-contract.js';

/** The descriptor file an app directory carries. */
export const APP_DESCRIPTOR = 'ssr-offload.config.json';

/** `ssr-offload.config.json`: where an app's entries are (relative to its directory) and where its build goes. */
export interface AppDescriptor {
  /** Server entry exporting `createRenderer` (source; scripts/build-app.mjs builds it). */
  server: string;
  /** Browser entry (Vite client build input; its manifest key). */
  client: string;
  /** Build output directory (default `dist`): `client/`, `app/index.mjs`, `function/`, `function.zip`. */
  outDir?: string;
  /** Optional Vite config of the app (plugins such as @vitejs/plugin-vue), merged into both builds. */
  vite?: string;
}

/** Where the app's code and client build are, decided without importing anything. */
export interface ResolvedSsrApp {
  /** What the operator wrote (or the default), for messages. */
  spec: string;
  /** `import()` specifier: a file URL or a package name. */
  module: string;
  clientBuild: ClientBuild | undefined;
}

/** The repository root (holds package.json), from source (`server/`) and compiled (`dist/node/server/`). */
export function packageRoot(): string {
  for (const up of ['../', '../../../']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, APP_DESCRIPTOR))) return dir;
  }
  return fileURLToPath(new URL('../', import.meta.url));
}

/** Read and check an app directory's descriptor. @throws ConfigError naming `variable`. */
export function readAppDescriptor(appDir: string, variable = 'SSR_APP'): AppDescriptor {
  const file = join(appDir, APP_DESCRIPTOR);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(variable, `${appDir} is a directory but ${file} cannot be read as JSON (${(error as Error).message})`);
  }
  const descriptor = value as Partial<AppDescriptor>;
  for (const field of ['server', 'client'] as const) {
    if (typeof descriptor?.[field] !== 'string' || descriptor[field] === '') throw new ConfigError(variable, `${file}: "${field}" must be a path relative to ${appDir}`);
  }
  for (const field of ['outDir', 'vite'] as const) {
    if (descriptor[field] !== undefined && typeof descriptor[field] !== 'string') throw new ConfigError(variable, `${file}: "${field}" must be a string`);
  }
  return descriptor as AppDescriptor;
}

/** An app directory's build output directory (absolute). */
export function appOutDir(appDir: string, descriptor: AppDescriptor): string {
  return resolve(appDir, descriptor.outDir ?? 'dist');
}

function isPath(spec: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec) || spec.includes('/') && !spec.startsWith('@');
}

function clientBuildAt(dir: string, variable: string): ClientBuild | undefined {
  const build = loadClientBuild(dir);
  if (!build && variable === 'SSR_CLIENT_DIR') throw new ConfigError(variable, `${dir} has no Vite client build (.vite/manifest.json)`);
  return build;
}

/**
 * Resolve `SSR_APP` (and `SSR_CLIENT_DIR`) to a module and a client build. Paths are relative to `cwd`.
 * @throws ConfigError (`SSR_APP` / `SSR_CLIENT_DIR`) when the app or its build is missing.
 */
export function resolveSsrApp(app: { spec: string | undefined; clientDir: string | undefined }, cwd = process.cwd()): ResolvedSsrApp {
  const spec = app.spec ?? packageRoot();
  const explicitClient = app.clientDir ? clientBuildAt(resolve(cwd, app.clientDir), 'SSR_CLIENT_DIR') : undefined;
  if (!isPath(spec) && !existsSync(resolve(cwd, spec))) {
    // A package name: Node resolves it from ssr-offload's own node_modules, where `npm install` put it.
    return { spec, module: spec, clientBuild: explicitClient };
  }
  const path = resolve(cwd, spec);
  if (!existsSync(path)) throw new ConfigError('SSR_APP', `${spec} does not exist (an app directory with ${APP_DESCRIPTOR}, a module file, or a package name)`);
  if (statSync(path).isDirectory()) {
    const outDir = appOutDir(path, readAppDescriptor(path));
    const module = join(outDir, 'app/index.mjs');
    if (!existsSync(module)) throw new ConfigError('SSR_APP', `${spec} is not built: ${module} is missing (run npm run build with SSR_APP=${spec})`);
    return { spec, module: pathToFileURL(module).href, clientBuild: explicitClient ?? loadClientBuild(join(outDir, 'client')) };
  }
  return { spec, module: pathToFileURL(path).href, clientBuild: explicitClient ?? loadClientBuild(join(dirname(path), '../client')) };
}

/**
 * Import the app's module and check that it exports the render contract's `createRenderer`.
 * @throws ConfigError (`SSR_APP`) when the module cannot be imported or exports no `createRenderer`.
 */
export async function importSsrApp(app: ResolvedSsrApp): Promise<SsrAppModule> {
  let module: Partial<SsrAppModule>;
  try {
    module = (await import(app.module)) as Partial<SsrAppModule>;
  } catch (error) {
    throw new ConfigError('SSR_APP', `${app.spec} could not be imported: ${(error as Error).message}`);
  }
  if (typeof module.createRenderer !== 'function') throw new ConfigError('SSR_APP', `${app.spec} does not export createRenderer(options) (the render contract)`);
  return module as SsrAppModule;
}

/**
 * Build one render function from an imported app (one per site origin: canonical and Open Graph URLs are
 * fixed when the renderer is created).
 * @throws ConfigError (`SSR_APP`) when `createRenderer()` does not return a function.
 */
export async function rendererOf(app: ResolvedSsrApp, module: SsrAppModule, options: AppRendererOptions): Promise<Render> {
  const render = await module.createRenderer(options);
  if (typeof render !== 'function') throw new ConfigError('SSR_APP', `${app.spec}: createRenderer() must return a render(request) function`);
  return render;
}

/**
 * Import the app and build its render function once.
 * @throws ConfigError (`SSR_APP`) when the module cannot be imported or exports no `createRenderer`.
 */
export async function createAppRender(app: ResolvedSsrApp, options: AppRendererOptions): Promise<Render> {
  return rendererOf(app, await importSsrApp(app), options);
}

/**
 * The function the local FC emulator (`npm start` without FC_URL) should run for this app: an app
 * directory's own built bundle (`<outDir>/function/index.mjs`), else the unbundled built-in handler, which
 * finds the app through this plug from the inherited `SSR_APP`. Undefined = the emulator's default (the
 * default app's bundle).
 */
export function emulatorFunctionFor(app: { spec: string | undefined; off: boolean }, cwd = process.cwd()): string | undefined {
  if (app.off || app.spec === undefined) return undefined;
  const path = resolve(cwd, app.spec);
  if (existsSync(path) && statSync(path).isDirectory()) {
    const bundle = join(appOutDir(path, readAppDescriptor(path)), 'function/index.mjs');
    return existsSync(bundle) ? bundle : undefined;
  }
  return fileURLToPath(new URL('../functions/handler.js', import.meta.url));
}
