// No host code imports an app: server/, functions/ and the build scripts name neither the demo shop (ssr/)
// nor an example; the demo is reached only through the plug's default (ssr-offload.config.json).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const APP_DIRS = ['ssr', 'examples'].map((dir) => join(root, dir));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier in a file: static imports/exports (type-only too), dynamic import(), require(). */
function specifiers(code: string): string[] {
  const found: string[] = [];
  for (const pattern of [/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"`]([^'"`]+)['"`]/g, /\brequire\s*\(\s*['"]([^'"]+)['"]/g]) {
    for (const match of code.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

const files = ['server', 'functions', 'scripts'].flatMap((dir) => sourceFiles(join(root, dir)));

t.test('the scan sees the hosts and their imports', async (t) => {
  t.ok(files.some((file) => file.endsWith('server/gateway.ts')) && files.some((file) => file.endsWith('functions/handler.ts')));
  t.ok(specifiers(readFileSync(join(root, 'server/gateway.ts'), 'utf8')).includes('./site-render.js'), 'a known import is found');
  t.same(specifiers(`import type { A } from '../ssr/index.js';\nconst m = await import('../ssr/x.js');`), ['../ssr/index.js', '../ssr/x.js'], 'type-only and dynamic imports count');
});

t.test('no file in server/, functions/ or scripts/ imports from ssr/ or examples/', async (t) => {
  const offenders = files.flatMap((file) => specifiers(readFileSync(file, 'utf8'))
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => APP_DIRS.some((dir) => resolve(dirname(file), specifier).startsWith(`${dir}/`)))
    .map((specifier) => `${relative(root, file)} → ${specifier}`));
  t.same(offenders, []);
  const named = files.filter((file) => /['"`][^'"`]*\bssr\/(index|render|entry-client)\.[tj]s['"`]/.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file));
  t.same(named, [], 'nor names a demo module in a string');
});

t.test('the default app is the demo shop, named only by the repository descriptor', async (t) => {
  const descriptor = JSON.parse(readFileSync(join(root, 'ssr-offload.config.json'), 'utf8')) as Record<string, string>;
  t.equal(descriptor.server, 'ssr/index.ts');
  t.equal(descriptor.client, 'ssr/entry-client.ts');
});
