#!/usr/bin/env node
/**
 * `npm run build:app [-- <app dir>]`: every artefact of one app, from its `ssr-offload.config.json`
 * (`{"server", "client", "outDir"}`, paths relative to the app directory). The app is the argument, else
 * `SSR_APP` (an app directory), else this repository's root (the demo shop). The hosts themselves
 * (`dist/node`, tsc) are the same for every app and are not rebuilt here.
 *
 *   <outDir>/client/               Vite client build: hashed assets + .vite/manifest.json (the app's own keys)
 *   <outDir>/app/index.mjs         Vite SSR build of the server entry, self-contained (what SSR_APP=<app dir> loads
 *                                  in the gateway, the renderer role and the custom runtime)
 *   <outDir>/function/index.mjs    esbuild: functions/handler.ts + that module + the manifest inlined, one ESM file
 *                                  exporting `handler` and `initialize`, runnable with no node_modules (FC nodejs20)
 *   <outDir>/function/tracing/     the OpenTelemetry SDK, imported by index.mjs only when an OTLP endpoint is set
 *   <outDir>/function.zip          what `s deploy` uploads (code: <outDir>/function.zip)
 *
 * `--if-changed` (used by `npm run build:example`, which `pretest` runs on every test run): skip the build
 * when a hash of everything it reads — the app directory, functions/, server/, this script and the
 * lockfile — equals the one stored in `<outDir>/.build-hash` by the last build.
 *
 * Vue is aliased to its runtime-only builds (apps render with render functions or precompiled SFCs), so
 * neither the template compiler nor @babel/parser is bundled: ~713 KB → ~196 KB minified, and cold start
 * grows with code size (docs/sources.md#cold-start). An app that needs Vite plugins (e.g.
 * @vitejs/plugin-vue for .vue files) names its own Vite config in `"vite"`; it is merged into both builds.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { build as viteBuild, loadConfigFromFile, mergeConfig } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function fail(message) {
  console.error(`build:app: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const ifChanged = args.includes('--if-changed');
// eslint-disable-next-line no-restricted-properties -- build script: SSR_APP picks the app as it does at run time
const appArg = args.find((arg) => !arg.startsWith('--')) ?? process.env.SSR_APP;
const appDir = resolve(appArg ?? root);
const descriptorFile = join(appDir, 'ssr-offload.config.json');
if (!existsSync(descriptorFile)) fail(`${descriptorFile} not found (an app directory needs {"server", "client"})`);
const descriptor = JSON.parse(readFileSync(descriptorFile, 'utf8'));
for (const field of ['server', 'client']) {
  if (typeof descriptor[field] !== 'string' || !existsSync(join(appDir, descriptor[field]))) fail(`${relative(root, descriptorFile)}: "${field}" must name a file in ${appDir}`);
}
const outDir = resolve(appDir, descriptor.outDir ?? 'dist');
const clientDir = join(outDir, 'client');
const appModule = join(outDir, 'app/index.mjs');
const functionDir = join(outDir, 'function');
const functionFile = join(functionDir, 'index.mjs');
const zipFile = join(outDir, 'function.zip');
const started = performance.now();

/** Every input of this build, hashed by path and content (build outputs and node_modules excluded). */
function inputsHash() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.name === 'node_modules' || entry.name === '.git' || path === outDir || path.startsWith(`${outDir}/`)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  for (const dir of new Set([appDir, join(root, 'functions'), join(root, 'server')])) walk(dir);
  for (const file of [fileURLToPath(import.meta.url), join(root, 'package-lock.json')]) hash.update(readFileSync(file));
  return hash.digest('hex');
}
const hashFile = join(outDir, '.build-hash');
const inputs = ifChanged && appDir !== root ? inputsHash() : undefined;
if (inputs && existsSync(hashFile) && readFileSync(hashFile, 'utf8') === inputs && existsSync(join(outDir, 'function.zip'))) {
  console.log(`build:app: ${relative(root, appDir)} unchanged since its last build (${relative(root, hashFile)}); nothing to do`);
  process.exit(0);
}
rmSync(hashFile, { force: true });

/** Resolve a file inside an installed package (works whatever the package's `exports` allow). */
function packageFile(pkg, file) {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}
const serverRenderer = packageFile('@vue/server-renderer', 'dist/server-renderer.esm-bundler.js');
const runtimeOnlyVue = {
  vue: packageFile('vue', 'dist/vue.runtime.esm-bundler.js'),
  'vue/server-renderer': serverRenderer,
  '@vue/server-renderer': serverRenderer,
};
// Vue's compile-time flags (https://vuejs.org/api/compile-time-flags): no devtools, no mismatch details.
const vueFlags = (optionsApi) => ({
  __VUE_OPTIONS_API__: optionsApi,
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
});

async function appViteConfig() {
  if (!descriptor.vite) return {};
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, resolve(appDir, descriptor.vite), appDir);
  if (!loaded) fail(`${descriptor.vite}: no Vite config found`);
  return loaded.config;
}
const own = await appViteConfig();

// 1. Client: hashed file names, a manifest for preload links, one chunk per lazy route.
await viteBuild(mergeConfig(own, {
  configFile: false,
  root: appDir,
  publicDir: false,
  logLevel: 'warn',
  define: vueFlags('false'),
  build: {
    outDir: clientDir,
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'assets',
    sourcemap: true,
    target: 'es2022',
    rollupOptions: { input: join(appDir, descriptor.client) },
  },
}));

// 2. Server module: the app's createRenderer with every dependency inside (no node_modules needed at run time).
await viteBuild(mergeConfig(own, {
  configFile: false,
  root: appDir,
  publicDir: false,
  logLevel: 'warn',
  // Vue's esm-bundler builds leave `process.env.NODE_ENV !== "production"` checks for the bundler: left in, each
  // render reads process.env dozens of times (a getenv call each in Node) and runs Vue's development paths
  // wherever NODE_ENV is unset. The server module is what production runs, like the function bundle below.
  define: { 'process.env.NODE_ENV': '"production"', ...vueFlags('true') },
  // Exact matches: Vite's object form would also rewrite `vue/server-renderer` as a prefix of `vue`.
  resolve: { alias: Object.entries(runtimeOnlyVue).map(([name, file]) => ({ find: new RegExp(`^${name.replace(/[/]/g, '\\/')}$`), replacement: file })) },
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: join(appDir, descriptor.server),
    outDir: dirname(appModule),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'index.mjs', codeSplitting: false } },
  },
}));
if (!existsSync(appModule)) fail(`the SSR build wrote no ${relative(root, appModule)}`);

// 3. FC built-in function: functions/handler.ts with functions/function-app.ts replaced by the app + manifest.
const manifestPath = join(clientDir, '.vite/manifest.json');
const manifest = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : 'undefined';
const embedApp = {
  name: 'embed-ssr-app',
  setup(build) {
    build.onLoad({ filter: /[\\/]functions[\\/]function-app\.ts$/ }, () => ({
      contents: [
        `import * as app from ${JSON.stringify(appModule)};`,
        `const manifest = ${manifest};`,
        'export async function createFunctionRender(siteOrigin, onError) { return app.createRenderer({ siteOrigin, manifest, onError }); }',
      ].join('\n'),
      loader: 'js',
      resolveDir: dirname(appModule),
    }));
  },
};
rmSync(functionDir, { recursive: true, force: true });
rmSync(zipFile, { force: true });
mkdirSync(functionDir, { recursive: true });

/**
 * handler.ts imports functions/function-tracing.ts (the OpenTelemetry SDK) dynamically, only when an
 * OTLP endpoint is set. It is built as its own file, `tracing/function-tracing.mjs`, and stays an
 * external import in index.mjs: what every cold start parses carries none of the SDK.
 */
const TRACING_FILE = 'tracing/function-tracing.mjs';
const tracingOutside = {
  name: 'function-tracing-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/function-tracing\.js$/ }, () => ({ path: `./${TRACING_FILE}`, external: true }));
  },
};
/**
 * server/config.ts reads SITES_FILE through server/sites/sites-file.ts (ajv + yaml, ~200 KB minified), but
 * only for ROLE=gateway: loadConfig never calls it in a function. The bundle gets a two-line stand-in so
 * every cold start parses none of it.
 */
const sitesFileOutside = {
  name: 'sites-file-outside',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]sites[\\/]sites-file\.ts$/ }, (args) => ({
      contents: [
        "import { ConfigError } from '../errors.js';",
        "export function readSitesFileSync(): never { throw new ConfigError('SITES_FILE', 'is read by ROLE=gateway only'); }",
      ].join('\n'),
      loader: 'ts',
      resolveDir: dirname(args.path),
    }));
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  // Some bundled CommonJS may call require(); give the ESM file a real one.
  banner: { js: "import{createRequire as __ssrCreateRequire}from'node:module';const require=__ssrCreateRequire(import.meta.url);" },
  logLevel: 'warning',
};
await esbuild.build({
  ...common,
  entryPoints: [join(root, 'functions/handler.ts')],
  outfile: functionFile,
  alias: runtimeOnlyVue,
  plugins: [embedApp, tracingOutside, sitesFileOutside],
  define: { 'process.env.NODE_ENV': '"production"', ...vueFlags('true') },
});
await esbuild.build({ ...common, entryPoints: [join(root, 'functions/function-tracing.ts')], outfile: join(functionDir, TRACING_FILE) });
if (existsSync(join(clientDir, 'assets'))) {
  // Served by the gateway/CDN; shipped for completeness (a function without a gateway can serve them).
  cpSync(join(clientDir, 'assets'), join(functionDir, 'client/assets'), { recursive: true, filter: (source) => !source.endsWith('.map') });
}
// Debian's zip when present (deterministic, fast); otherwise the system has none and we say so.
try {
  execFileSync('zip', ['-q', '-r', '-X', zipFile, '.'], { cwd: functionDir, stdio: ['ignore', 'ignore', 'inherit'] });
} catch (error) {
  console.error(`build:app: could not write ${relative(root, zipFile)} (is \`zip\` installed?): ${error.message}`);
  process.exitCode = 1;
}

if (inputs && !process.exitCode) writeFileSync(hashFile, inputs);
const code = readFileSync(functionFile);
console.log(
  `build:app: ${relative(root, appDir) || '.'} → ${relative(root, outDir)}/{client,app,function} in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `function/index.mjs ${kb(code.length)} min, ${kb(gzipSync(code).length)} gzip` +
    `; function/${TRACING_FILE} ${kb(statSync(join(functionDir, TRACING_FILE)).size)} (loaded only with OTEL_EXPORTER_OTLP_ENDPOINT)` +
    (existsSync(zipFile) ? `; function.zip ${kb(statSync(zipFile).size)}` : ''),
);
