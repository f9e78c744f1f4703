// When FC fails, the gateway serving examples/vue-blog renders the example in-process (SSR_APP), not the
// demo: the fallback page is the example's, with its status, for pages and 404s alike.
import t from 'tap';
import { VUE_BLOG } from '../contract/render-contract.js';
import { EXAMPLE_DIR, EXAMPLE_FUNCTION, assertExampleBuilt } from '../helpers/example-app.js';
import { startGateway } from '../helpers/gateway.js';
import { parsePage } from '../helpers/page.js';

assertExampleBuilt();
process.env.SITE_ORIGIN = VUE_BLOG.siteOrigin;
const gateway = await startGateway(t, {
  env: { SSR_APP: EXAMPLE_DIR, SITE_ORIGIN: VUE_BLOG.siteOrigin, OFFLOAD: 'fc-first', HEDGE_MS: '0', BREAKER_CONSECUTIVE_FAILURES: '0', BREAKER_VOLUME: '1000' },
  emulator: { functionPath: EXAMPLE_FUNCTION, faults: { errorRate: 1 } },
});

for (const [url, status, h1] of [[VUE_BLOG.page.url, 200, 'Offload the spikes'], [VUE_BLOG.notFound.url, 404, VUE_BLOG.notFound.h1]] as const) {
  t.test(`${url}: FC answers 503, the example's own page ${status} comes from the local render`, async (t) => {
    const response = await fetch(gateway.url + url);
    t.equal(response.status, status);
    t.equal(response.headers.get('x-render-by'), 'local');
    t.match(response.headers.get('server-timing'), /FC_5XX/);
    t.equal(parsePage(await response.text()).h1, h1);
  });
}
t.test('FC was really asked first', async (t) => {
  t.ok(gateway.fc!.stats().outcomes.error >= 2);
});
