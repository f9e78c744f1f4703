// FALLBACK_URL goes through the same HTTP target as FC_URL: with FALLBACK_URL=http://renderer/render,
// the renderer Service only ever receives paths under /render.
import t from 'tap';
import { CANONICAL_URLS, NON_CANONICAL_URLS } from '../fixtures/non-canonical-urls.js';
import { startGateway } from '../helpers/gateway.js';
import { rawGet } from '../helpers/raw-request.js';
import { startRecordingUpstream } from '../helpers/recording-upstream.js';

t.test('FC failing, pages from the renderer Service under its base path', async (t) => {
  const renderer = await startRecordingUpstream(t);
  const gateway = await startGateway(t, {
    emulator: { faults: { errorRate: 1, errorStatus: 500 } },
    env: { FALLBACK_URL: `${renderer.origin}/render`, HEDGE_MS: '0', FALLBACK_TIMEOUT_MS: '10000', BREAKER_VOLUME: '1000', BREAKER_CONSECUTIVE_FAILURES: '0' },
    deps: { render: async () => { throw new Error('the in-process render must not run'); } },
  });
  for (const { url, expected } of NON_CANONICAL_URLS) {
    const answer = await rawGet(gateway.url, url);
    t.equal(answer.status, expected.status, `${url} → ${expected.status}`);
  }
  t.same(renderer.seen, [], 'the renderer Service received no non-canonical URL');
  t.equal(gateway.fc!.stats().calls.total, 0, 'nor did FC');
  for (const url of CANONICAL_URLS) {
    const answer = await rawGet(gateway.url, url);
    t.equal(answer.status, 200, `${url} answered by the renderer Service`);
    t.equal(renderer.seen.at(-1)?.url, `/render${url}`, `${url} reached it under its base path, unchanged`);
  }
});
