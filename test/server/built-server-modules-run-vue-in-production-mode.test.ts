// The server module a host imports (dist/app/index.mjs; scripts/build-app.mjs builds every app the same way) is Vue's production
// build whatever NODE_ENV the pod was started with: Vue's esm-bundler sources leave
// `process.env.NODE_ENV !== "production"` checks for the bundler, and left in, every render reads process.env
// dozens of times and runs Vue's development paths (warnings, warning contexts) when NODE_ENV is unset.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = fileURLToPath(new URL('../../', import.meta.url));

const module = 'dist/app/index.mjs';

t.test(`${module} has no run-time NODE_ENV checks left`, async (t) => {
  t.ok(existsSync(`${root}${module}`), `${module} is built (npm run build)`);
  const source = readFileSync(`${root}${module}`, 'utf8');
  t.ok(source.includes('renderToString') || source.includes('ssrRender'), 'it is a Vue server build');
  t.same(source.match(/process\.env\.NODE_ENV/g) ?? [], [], 'every NODE_ENV check was resolved at build time');
});
