// The same URL gets the same answer whoever renders it: the gateway in front of FC, the gateway
// rendering locally, and FC's HTTP trigger reached directly (the real function bundle behind the
// emulator, so the built-in handler's own canonical-URL rule). Issue #12: `/x/%2e%2e/products/1001` was a
// product page from FC and a 404 locally; `/products/%2e%2e` was the home page with 200.
import t from 'tap';
import { CANONICAL_URLS, NON_CANONICAL_URLS } from '../fixtures/non-canonical-urls.js';
import { startGateway } from '../helpers/gateway.js';
import { parsePage } from '../helpers/page.js';
import { rawGet, type RawAnswer } from '../helpers/raw-request.js';

function summary({ status, headers, body }: RawAnswer) {
  const page = parsePage(body);
  return { status, location: headers.location, h1: page.h1, canonical: page.canonical };
}

t.test('FC, FC through the gateway and local render through the gateway agree', async (t) => {
  const viaFc = await startGateway(t, { env: { OFFLOAD: 'fc-first', HEDGE_MS: '0', FC_TIMEOUT_MS: '10000' } });
  const viaLocal = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' } });
  const fcTrigger = viaFc.fc!.url;
  for (const { url, expected } of NON_CANONICAL_URLS) {
    const fcDirect = await rawGet(fcTrigger, url);
    t.equal(fcDirect.status, expected.status, `${url}: FC's trigger answers ${expected.status}`);
    if (expected.status === 301) t.equal(fcDirect.headers.location, expected.location, `${url}: FC redirects to ${expected.location}`);
    const local = summary(await rawGet(viaLocal.url, url));
    t.same(summary(await rawGet(viaFc.url, url)), local, `${url}: gateway via FC = gateway local`);
    t.same(summary(fcDirect), local, `${url}: FC trigger = gateway local`);
  }
  for (const url of CANONICAL_URLS) {
    const fc = await rawGet(viaFc.url, url);
    t.equal(fc.headers['x-render-by'], 'fc', `${url} rendered by FC`);
    t.same(summary(fc), summary(await rawGet(viaLocal.url, url)), `${url}: the same page from FC and local render`);
  }
});
