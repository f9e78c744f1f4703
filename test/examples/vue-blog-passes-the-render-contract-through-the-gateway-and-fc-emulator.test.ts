// examples/vue-blog, plugged in with SSR_APP: the gateway (fc-first) in front of the FC emulator running
// the example's own built function bundle passes the same render contract as the demo, pages from FC.
import t from 'tap';
import { VUE_BLOG, renderContract } from '../contract/render-contract.js';
import { EXAMPLE_DIR, EXAMPLE_FUNCTION, assertExampleBuilt } from '../helpers/example-app.js';
import { startGateway } from '../helpers/gateway.js';

assertExampleBuilt();
process.env.SITE_ORIGIN = VUE_BLOG.siteOrigin; // the in-process emulator's function reads it, as on FC
const gateway = await startGateway(t, {
  env: { SSR_APP: EXAMPLE_DIR, SITE_ORIGIN: VUE_BLOG.siteOrigin, OFFLOAD: 'fc-first', FC_TIMEOUT_MS: '5000', HEDGE_MS: '0' },
  emulator: { functionPath: EXAMPLE_FUNCTION },
});
renderContract(t, async ({ url, headers, method = 'GET' }) => {
  const response = await fetch(gateway.url + url, { method, headers, redirect: 'manual' });
  return { status: response.status, headers: Object.fromEntries(response.headers), html: await response.text() };
}, { renderBy: 'fc', app: VUE_BLOG });

t.test('the example\'s client assets are served by the gateway', async (t) => {
  const page = await fetch(`${gateway.url}/`).then((response) => response.text());
  const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
  t.ok(script, 'the page links the example\'s entry chunk');
  const asset = await fetch(gateway.url + script);
  t.equal(asset.status, 200);
  t.match(asset.headers.get('cache-control'), /immutable/);
  await asset.arrayBuffer(); // read to the end: an unread body keeps the gateway's connection busy
});
