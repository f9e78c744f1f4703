/**
 * Client build only: the browser bundle that hydrates server-rendered pages. Hashed file names, a
 * manifest for preload links, one chunk per page. The server side needs no Vite build (pages are plain
 * TypeScript render functions), and the FC bundle is made by esbuild (scripts/build-function.mjs).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: '.',
  publicDir: false,
  define: {
    // Vue's compile-time flags: no Options API, no devtools, no mismatch details in production.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'assets',
    sourcemap: true,
    target: 'es2022',
    rollupOptions: { input: 'ssr/entry-client.ts' },
  },
});
