#!/usr/bin/env node
/**
 * `npm run build:function`: the FC built-in runtime artefact (runs after build:client and build:server).
 *
 *   dist/function/index.mjs        one ESM file exporting `handler` and `initialize`; runs with no node_modules
 *   dist/function/tracing/         the OpenTelemetry SDK, imported by index.mjs only when an OTLP endpoint is set
 *   dist/function/client/assets/   the client build's assets (served by the gateway/CDN; shipped for completeness)
 *   dist/function.zip              what `s deploy` / the console uploads (code: dist/function.zip)
 *
 * Vue is aliased to its runtime-only builds (the app has no string templates), so neither the template
 * compiler nor @babel/parser is bundled: ~713 KB → ~196 KB minified (reference/ssr.md §3.1).
 * The client manifest is inlined by replacing functions/client-manifest.ts with a virtual module.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, 'dist/function');
const outFile = join(outDir, 'index.mjs');
const zipFile = join(root, 'dist/function.zip');
const clientDir = join(root, 'dist/client');
const manifestPath = join(clientDir, '.vite/manifest.json');

/** Resolve a file inside an installed package (works whatever the package's `exports` allow). */
function packageFile(pkg, file) {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

const serverRenderer = packageFile('@vue/server-renderer', 'dist/server-renderer.esm-bundler.js');
const alias = {
  vue: packageFile('vue', 'dist/vue.runtime.esm-bundler.js'),
  'vue/server-renderer': serverRenderer,
  '@vue/server-renderer': serverRenderer,
};

const manifest = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : undefined;
if (!manifest) console.warn(`build:function: ${relative(root, manifestPath)} not found; pages will render without client scripts`);

/** Replace functions/client-manifest.ts with the manifest inlined at build time. */
const embedManifest = {
  name: 'embed-client-manifest',
  setup(build) {
    build.onLoad({ filter: /[\\/]functions[\\/]client-manifest\.ts$/ }, () => ({
      contents: `export function clientManifest() { return ${manifest ?? 'undefined'}; }`,
      loader: 'js',
    }));
  },
};

rmSync(outDir, { recursive: true, force: true });
rmSync(zipFile, { force: true });
mkdirSync(outDir, { recursive: true });

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
  outfile: outFile,
  alias,
  plugins: [embedManifest, tracingOutside],
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
});
await esbuild.build({ ...common, entryPoints: [join(root, 'functions/function-tracing.ts')], outfile: join(outDir, TRACING_FILE) });

if (existsSync(join(clientDir, 'assets'))) {
  cpSync(join(clientDir, 'assets'), join(outDir, 'client/assets'), { recursive: true, filter: (source) => !source.endsWith('.map') });
}

// Debian's zip when present (deterministic, fast); otherwise the system has none and we say so.
try {
  execFileSync('zip', ['-q', '-r', '-X', zipFile, '.'], { cwd: outDir, stdio: ['ignore', 'ignore', 'inherit'] });
} catch (error) {
  console.error(`build:function: could not write ${relative(root, zipFile)} (is \`zip\` installed?): ${error.message}`);
  process.exitCode = 1;
}

const code = readFileSync(outFile);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `build:function: ${relative(root, outFile)} ${kb(code.length)} min, ${kb(gzipSync(code).length)} gzip` +
    `; ${TRACING_FILE} ${kb(statSync(join(outDir, TRACING_FILE)).size)} (loaded only with OTEL_EXPORTER_OTLP_ENDPOINT)` +
    (existsSync(zipFile) ? `; ${relative(root, zipFile)} ${kb(statSync(zipFile).size)}` : ''),
);
