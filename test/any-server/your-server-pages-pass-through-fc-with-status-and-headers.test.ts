// "Any SSR server" mode (SSR_APP=off): the gateway renders nothing itself; FC (the emulator running your
// server as a custom container would) answers, and your pages pass through with their status codes and
// headers — 200, 301 with location, 404, 410 — while FC's own headers are stripped.
import t from 'tap';
import { startYourServer } from '../fixtures/your-ssr-server.js';
import { startGateway } from '../helpers/gateway.js';

const inFc = await startYourServer('fc-container');
const inCluster = await startYourServer('cluster');
t.teardown(() => Promise.all([inFc.close(), inCluster.close()]));
const gateway = await startGateway(t, {
  env: { SSR_APP: 'off', OFFLOAD: 'fc-first', HEDGE_MS: '0', FALLBACK_URL: inCluster.url, FC_TIMEOUT_MS: '3000' },
  emulator: { containerUrl: inFc.url },
});

t.test('a 200 page comes from your server through FC, with its own headers', async (t) => {
  const response = await fetch(`${gateway.url}/?ref=mail`);
  t.equal(response.status, 200);
  t.equal(response.headers.get('x-render-by'), 'fc');
  t.equal(response.headers.get('x-served-by'), 'fc-container');
  t.equal(response.headers.get('x-your-app'), 'home');
  t.equal(response.headers.get('cache-control'), 'public, max-age=60');
  t.equal(response.headers.get('content-language'), 'en');
  t.notOk([...response.headers.keys()].some((name) => name.startsWith('x-fc-')), 'no x-fc-* header reaches the client');
  t.notOk(response.headers.get('content-disposition'), 'FC\'s forced download header is stripped');
  t.match(await response.text(), /<h1>Your home page<\/h1>/);
  t.ok(inFc.requests.includes('GET /?ref=mail'), 'your server saw the path and query unchanged');
});

for (const [path, status, extra] of [['/old-page', 301, { location: '/' }], ['/missing', 404, {}], ['/gone', 410, {}]] as const) {
  t.test(`${path} answers ${status} from FC and is not a failure`, async (t) => {
    const response = await fetch(gateway.url + path, { redirect: 'manual' });
    t.equal(response.status, status);
    t.equal(response.headers.get('x-render-by'), 'fc');
    for (const [name, value] of Object.entries(extra)) t.equal(response.headers.get(name), value);
    await response.arrayBuffer();
  });
}

t.test('the cluster copy was never needed and the breaker stayed closed', async (t) => {
  t.same(inCluster.requests, []);
  t.equal(gateway.app.fcBreaker?.opened, false);
});
