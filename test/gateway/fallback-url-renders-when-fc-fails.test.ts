// With FALLBACK_URL, pages FC cannot render come from the renderer Service (ROLE=renderer), not from
// the gateway's own CPU; if that Service is down too, the answer is 503 + Retry-After.
import t from 'tap';
import { loadConfig } from '../../server/config.js';
import { buildRenderer } from '../../server/renderer.js';
import { SITE_ORIGIN, startGateway } from '../helpers/gateway.js';
import { parsePage } from '../helpers/page.js';

async function startRenderer(t: Parameters<typeof startGateway>[0]) {
  const renderer = buildRenderer(loadConfig({ ROLE: 'renderer', LOG_LEVEL: 'silent', SITE_ORIGIN }));
  t.teardown(() => renderer.close());
  let calls = 0;
  renderer.addHook('onRequest', async () => { calls += 1; });
  const url = await renderer.listen({ host: '127.0.0.1', port: 0 });
  return { url, calls: () => calls, close: () => renderer.close() };
}

t.test('FC failing → the renderer Service renders the page', async (t) => {
  const renderer = await startRenderer(t);
  let localRenders = 0;
  const gateway = await startGateway(t, {
    emulator: { faults: { errorRate: 1, errorStatus: 500 } },
    env: { FALLBACK_URL: renderer.url, BREAKER_VOLUME: '1000' },
    deps: { render: async () => { localRenders += 1; throw new Error('the in-process render must not run'); } },
  });
  const response = await fetch(`${gateway.url}/products/1002`);
  const html = await response.text();
  t.equal(response.status, 200);
  t.equal(response.headers.get('x-render-by'), 'local');
  t.match(response.headers.get('server-timing'), /fc;dur=[\d.]+;desc="FC_5XX", render;dur=[\d.]+;desc="renderer-service"/);
  t.equal(parsePage(html).canonical, `${SITE_ORIGIN}/products/1002`);
  t.equal(renderer.calls(), 1, 'the renderer Service got the page request');
  t.equal(localRenders, 0, 'the gateway did not render in-process');
  t.notOk(response.headers.get('x-fc-request-id'), 'no FC header');

  const missing = await fetch(`${gateway.url}/products/999999`);
  await missing.text();
  t.equal(missing.status, 404, "the renderer's 404 page passes through");
});

t.test('FC failing and the renderer Service down → 503 with Retry-After', async (t) => {
  const renderer = await startRenderer(t);
  const gateway = await startGateway(t, {
    emulator: { faults: { errorRate: 1 } },
    env: { FALLBACK_URL: renderer.url, CACHE_MB: '0', BREAKER_RESET_MS: '7000' },
  });
  await renderer.close();
  const response = await fetch(`${gateway.url}/products/1003`);
  const html = await response.text();
  t.equal(response.status, 503);
  t.equal(response.headers.get('retry-after'), '7', 'Retry-After follows BREAKER_RESET_MS');
  t.equal(response.headers.get('cache-control'), 'no-store');
  t.match(html, /<html/i, 'a small HTML error page');
  t.notOk(response.headers.get('x-fc-request-id'), 'no FC header');
});
