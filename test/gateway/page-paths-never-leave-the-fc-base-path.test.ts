// With FC_URL=http://fc-host/fc/render, the FC host only ever receives paths under /fc/render: the
// gateway redirects or refuses non-canonical URLs before FC is called, and the FC target itself refuses
// to build an upstream URL that would leave its base path (issue #12: `/%2e%2e/%2e%2e/admin/secret`
// reached the FC host as `/admin/secret` and its answer was served as a page).
import t from 'tap';
import { createHttpPageTarget } from '../../server/offload/http-page-target.js';
import { CANONICAL_URLS, NON_CANONICAL_URLS } from '../fixtures/non-canonical-urls.js';
import { startGateway } from '../helpers/gateway.js';
import { rawGet } from '../helpers/raw-request.js';
import { startRecordingUpstream } from '../helpers/recording-upstream.js';

t.test('through the gateway', async (t) => {
  const fc = await startRecordingUpstream(t);
  const gateway = await startGateway(t, { emulator: false, env: { FC_URL: `${fc.origin}/fc/render`, OFFLOAD: 'fc-first', HEDGE_MS: '0', FC_TIMEOUT_MS: '10000' } });
  for (const { url, expected } of NON_CANONICAL_URLS) {
    const answer = await rawGet(gateway.url, url);
    t.equal(answer.status, expected.status, `${url} → ${expected.status}`);
  }
  t.same(fc.seen, [], 'FC received no non-canonical URL');
  for (const url of CANONICAL_URLS) {
    const answer = await rawGet(gateway.url, url);
    t.equal(answer.headers['x-render-by'], 'fc', `${url} rendered by FC`);
    t.equal(fc.seen.at(-1)?.url, `/fc/render${url}`, `${url} reached FC under its base path, unchanged`);
  }
});

t.test('the FC target refuses a URL that would leave its base path', async (t) => {
  const fc = await startRecordingUpstream(t);
  const target = createHttpPageTarget({ name: 'fc-http', baseUrl: `${fc.origin}/fc/render`, timeoutMs: 2000 });
  t.teardown(() => target.close());
  for (const url of ['/%2e%2e/%2e%2e/admin/secret', '/x/../../../admin', '/..%2fadmin', '/a\\..\\..\\admin', '//evil.example/']) {
    await t.rejects(target.render({ renderRequest: { url, headers: {} }, forwardHeaders: {}, signal: new AbortController().signal }),
      { code: 'SSR_ERR_BAD_URL' }, `${url} refused`);
  }
  t.same(fc.seen, [], 'nothing was sent');
  const page = await target.render({ renderRequest: { url: '/products/1001?x=1', headers: {} }, forwardHeaders: {}, signal: new AbortController().signal });
  t.equal(page.status, 200);
  t.equal(fc.seen[0]?.url, '/fc/render/products/1001?x=1');
});

t.test('an FC_URL without a path sends the page path as is', async (t) => {
  const fc = await startRecordingUpstream(t);
  const target = createHttpPageTarget({ name: 'fc-http', baseUrl: `${fc.origin}/`, timeoutMs: 2000 });
  t.teardown(() => target.close());
  await target.render({ renderRequest: { url: '/', headers: {} }, forwardHeaders: {}, signal: new AbortController().signal });
  await target.render({ renderRequest: { url: '/products/1001', headers: {} }, forwardHeaders: {}, signal: new AbortController().signal });
  t.same(fc.seen.map((seen) => seen.url), ['/', '/products/1001']);
});
