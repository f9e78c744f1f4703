// A URL that is not in canonical form never reaches a renderer: the gateway answers a 301 to the
// canonical URL (query kept) or, where no safe canonical form exists, the HTML 400 page (SSR_ERR_BAD_URL).
import t from 'tap';
import { NON_CANONICAL_URLS } from '../fixtures/non-canonical-urls.js';
import { startGateway } from '../helpers/gateway.js';
import { rawGet } from '../helpers/raw-request.js';

t.test('every non-canonical URL gets its 301 or 400 before any render', async (t) => {
  let renders = 0;
  const gateway = await startGateway(t, {
    emulator: false,
    env: { OFFLOAD: 'local-only' },
    deps: { render: async () => { renders += 1; throw new Error('a non-canonical URL must not be rendered'); } },
  });
  for (const { url, expected } of NON_CANONICAL_URLS) {
    const answer = await rawGet(gateway.url, url);
    t.equal(answer.status, expected.status, `${url} → ${expected.status}`);
    t.equal(answer.headers['x-render-by'], undefined, `${url} was not rendered`);
    if (expected.status === 301) {
      t.equal(answer.headers.location, expected.location, `${url} → location ${expected.location}`);
    } else {
      t.match(answer.headers['content-type'], /^text\/html/, `${url}: the HTML error page`);
      t.match(answer.body, /SSR_ERR_BAD_URL/, `${url}: the page names its code`);
      t.notMatch(answer.body, /evil|admin|Set-Cookie/i, `${url}: the URL is not echoed`);
      t.equal(answer.headers['set-cookie'], undefined);
    }
    const head = await rawGet(gateway.url, url, { method: 'HEAD' });
    t.equal(head.status, expected.status, `HEAD ${url} → ${expected.status}`);
  }
  t.equal(renders, 0, 'nothing was rendered');
});

t.test('a non-canonical URL with another method is refused, not redirected', async (t) => {
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' } });
  const answer = await rawGet(gateway.url, '/x/../products/1001', { method: 'POST', headers: { 'content-length': '0' } });
  t.equal(answer.status, 400, 'a redirect would turn the POST into a GET');
});
