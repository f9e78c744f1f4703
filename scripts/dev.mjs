#!/usr/bin/env node
/**
 * `npm run dev`: the gateway from source (tsx) with human-readable logs (LOG_FORMAT=pretty unless set),
 * restarted when ssr/, server/ or functions/ change. The embedded FC emulator runs the BUILT function
 * bundle (dist/function/index.mjs, as on FC), so a change under ssr/ or functions/ rebuilds it first
 * (`node scripts/build-app.mjs`: client, app module and bundle) and only then restarts the gateway, which
 * restarts the emulator on the new bundle: FC and local render always serve the same code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, watch } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// eslint-disable-next-line no-restricted-properties -- dev runner: passes the developer's environment on
// From source: the default app's server module as its descriptor names it (only ssr-offload.config.json names the demo).
const defaultApp = JSON.parse(readFileSync(join(root, 'ssr-offload.config.json'), 'utf8')).server;
const env = { SSR_APP: defaultApp, SSR_CLIENT_DIR: 'dist/client', LOG_FORMAT: 'pretty', ...process.env };

function buildBundle() {
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(root, 'scripts/build-app.mjs')], { cwd: root, stdio: 'inherit', env: { ...env, SSR_APP: '' } });
  console.log(`dev: ${result.status === 0 ? 'rebuilt the function bundle' : 'function bundle build FAILED (the emulator keeps the previous one)'} in ${Date.now() - started} ms`);
}

let gateway;
function startGateway() {
  gateway = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], { cwd: root, stdio: 'inherit', env });
}
function restart() {
  if (!gateway || gateway.exitCode !== null || gateway.signalCode !== null) return startGateway();
  gateway.once('exit', startGateway);
  gateway.kill('SIGTERM');
}

let timer;
let bundleChanged = false;
for (const folder of ['ssr', 'server', 'functions']) {
  watch(join(root, folder), { recursive: true }, (_event, file) => {
    if (!file || /(^|\/)(dist|node_modules)\//.test(file)) return;
    if (folder !== 'server') bundleChanged = true;
    clearTimeout(timer);
    timer = setTimeout(() => {
      console.log(`dev: ${folder}/${file} changed`);
      if (bundleChanged) buildBundle();
      bundleChanged = false;
      restart();
    }, 200);
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    if (gateway && gateway.exitCode === null) gateway.once('exit', () => process.exit(0)).kill('SIGTERM');
    else process.exit(0);
  });
}
buildBundle();
startGateway();
