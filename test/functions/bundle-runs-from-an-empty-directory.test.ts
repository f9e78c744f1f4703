// dist/function/index.mjs (built by `npm run build`, pretest) copied alone into an empty directory loads
// with plain `node` — no node_modules, no client build on disk — and renders a page with asset links.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const bundle = fileURLToPath(new URL('../../dist/function/index.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ssr-fc-bundle-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
copyFileSync(bundle, join(dir, 'index.mjs'));

const script = `
const { handler, initialize } = await import('./index.mjs');
await initialize({ requestId: 'init' });
const event = { version: 'v1', rawPath: '/products/1001', headers: {}, queryParameters: { ref: 'a&b' }, requestContext: { http: { method: 'GET' } } };
const response = await handler(Buffer.from(JSON.stringify(event)), { requestId: 'r1' });
process.stdout.write(JSON.stringify(response));
`;
t.test('the copied bundle renders a page', async (t) => {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env: { PATH: process.env.PATH ?? '', SITE_ORIGIN: 'https://shop.example.com' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const code = await new Promise((resolve) => child.once('close', resolve));
  t.equal(code, 0, stderr);
  const response = JSON.parse(stdout) as { statusCode: number; body: string };
  t.equal(response.statusCode, 200);
  t.match(response.body, /<link rel="canonical" href="https:\/\/shop\.example\.com\/products\/1001"/);
  t.match(response.body, /<script type="module"[^>]*src="\/assets\/[^"]+\.js"/, 'the inlined manifest gives the page its client entry');
});
