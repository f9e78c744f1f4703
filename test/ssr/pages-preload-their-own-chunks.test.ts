import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { createRenderer, type ViteManifest } from '../../ssr/index.js';
import { routes } from '../../ssr/router.js';
import { parsePage } from '../helpers/page.js';

const manifestPath = new URL('../../dist/client/.vite/manifest.json', import.meta.url);

t.test('with the client build, pages link the entry script, CSS and their own chunks', { skip: !existsSync(manifestPath) && 'run npm run build first' }, async (t) => {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ViteManifest;
  for (const route of routes) {
    if (route.meta?.module) t.ok(manifest[route.meta.module], `${route.meta.module} is a chunk of the client build`);
  }
  const render = createRenderer({ siteOrigin: 'https://shop.example.com', manifest });
  const page = parsePage((await render({ url: '/products/1001', headers: {} })).html);
  const preloads = page.root.querySelectorAll('link[rel="modulepreload"]').map((link) => link.getAttribute('href'));
  t.ok(preloads.includes(`/${manifest['ssr/pages/product-page.ts']!.file}`), 'product page chunk preloaded');
  t.notOk(preloads.includes(`/${manifest['ssr/pages/category-page.ts']!.file}`), 'other pages are not preloaded');
  t.ok(page.root.querySelector('link[rel="stylesheet"]'), 'stylesheet linked');
  const entry = page.root.querySelector('script[type="module"]')?.getAttribute('src');
  t.equal(entry, `/${manifest['ssr/entry-client.ts']!.file}`);
  t.match(entry, /-[A-Za-z0-9_-]{8}\.js$/, 'hashed file name');
});

t.test('a CDN asset base prefixes every asset URL', { skip: !existsSync(manifestPath) && 'run npm run build first' }, async (t) => {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ViteManifest;
  const render = createRenderer({ siteOrigin: 'https://shop.example.com', manifest, assetBase: 'https://cdn.example.com/shop/' });
  const page = parsePage((await render({ url: '/', headers: {} })).html);
  t.match(page.root.querySelector('script[type="module"]')?.getAttribute('src'), /^https:\/\/cdn\.example\.com\/shop\/assets\//);
});
