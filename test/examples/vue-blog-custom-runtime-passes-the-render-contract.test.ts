// ROLE=function (FC custom runtime / custom container) with SSR_APP=examples/vue-blog passes the render
// contract over HTTP, and answers InvokeFunction's POST /invoke with the example's page.
import t from 'tap';
import { buildCustomRuntime } from '../../functions/custom-runtime.js';
import { loadConfig } from '../../server/config.js';
import { VUE_BLOG, renderContract } from '../contract/render-contract.js';
import { EXAMPLE_DIR, assertExampleBuilt } from '../helpers/example-app.js';

assertExampleBuilt();
const app = buildCustomRuntime(loadConfig({ ROLE: 'function', SITE_ORIGIN: VUE_BLOG.siteOrigin, LOG_LEVEL: 'silent', PORT: '0', SSR_APP: EXAMPLE_DIR }));
t.teardown(() => app.close());
const url = await app.listen({ host: '127.0.0.1', port: 0 });
renderContract(t, async ({ url: path, headers, method = 'GET' }) => {
  const response = await fetch(url + path, { method, headers, redirect: 'manual' });
  return { status: response.status, headers: Object.fromEntries(response.headers), html: await response.text() };
}, { renderBy: 'local', app: VUE_BLOG });

t.test('POST /invoke answers the example\'s page as {status, headers, html}', async (t) => {
  const response = await fetch(`${url}/invoke`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: JSON.stringify({ url: VUE_BLOG.page.url, headers: {} }) });
  const answer = await response.json() as { status: number; html: string };
  t.equal(answer.status, 200);
  t.match(answer.html, /Offload the spikes · vue-blog/);
});
