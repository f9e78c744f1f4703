import t from 'tap';
import { createRenderer } from '../../ssr/index.js';
import { loadConfig } from '../../server/config.js';
import { buildRenderer } from '../../server/renderer.js';

const render = createRenderer({ siteOrigin: 'https://shop.example.com' });

for (const url of ['/%E0%A4%A', '//evil.example/path', '/\\evil.example', 'products/1', `/${'a'.repeat(5000)}`, '/search?q=%ZZ']) {
  t.test(`render(${JSON.stringify(url.slice(0, 40))}) answers 400`, async (t) => {
    const { status, html } = await render({ url, headers: {} });
    t.equal(status, 400);
    t.notMatch(html, /evil/, 'the bad URL is not echoed');
  });
}

t.test('the renderer server answers 400 for a bad URL and 405 for POST on a page', async (t) => {
  const app = buildRenderer(loadConfig({ ROLE: 'renderer', LOG_LEVEL: 'silent' }), { clientBuild: undefined });
  t.teardown(() => app.close());
  t.equal((await app.inject({ method: 'GET', url: '/%E0%A4%A' })).statusCode, 400);
  const post = await app.inject({ method: 'POST', url: '/products/1001', payload: 'x' });
  t.equal(post.statusCode, 405);
  t.equal(post.headers.allow, 'GET, HEAD');
  t.equal((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode, 404);
});
