// When the lookup API fails (5xx, a hang past SITES_LOOKUP_TIMEOUT_MS, a reset connection, garbage) a known
// host keeps its last answer for up to SITES_LOOKUP_STALE_MS past its TTL, without asking the dead API on
// every request; a host with nothing to fall back on gets SiteLookupError (a 503, not the 404 of "no such
// site"), and that failure is remembered briefly so a dead API is not hammered.
import t from 'tap';
import { SiteLookupError } from '../../server/errors.js';
import { createSiteLookup, type SiteLookupResult } from '../../server/sites/site-lookup.js';
import { manualClock, startLookupApi, type LookupMode } from './helpers/lookup-api.js';

const defaults = { timeoutMs: 3000, fallbackTimeoutMs: 10_000, offload: 'fc-first' } as const;
const TTL = 60_000;
const NEGATIVE_TTL = 10_000;
const STALE = 600_000;
// Generous: healthy answers must never hit it on a loaded machine; a hang waits for it (4 calls in that case).
const TIMEOUT = 2000;

for (const mode of ['5xx', 'hang', 'reset', 'garbage'] as const satisfies readonly LookupMode[]) {
  t.test(`API ${mode}: the last answer is served, then SiteLookupError past the stale window`, async (t) => {
    const api = await startLookupApi(t);
    const clock = manualClock();
    const results: SiteLookupResult[] = [];
    const errors: string[] = [];
    const lookup = createSiteLookup({
      url: api.url, ttlMs: TTL, negativeTtlMs: NEGATIVE_TTL, staleMs: STALE, timeoutMs: TIMEOUT, defaults, now: clock.now,
      onResult: (result) => results.push(result), onError: (host, error) => errors.push(`${host}: ${error.message}`),
    });
    t.teardown(() => lookup.close());
    const known = await lookup.lookup('shop.example.com');
    api.mode = 'not-found';
    t.equal(await lookup.lookup('gone.example.com'), undefined);

    api.mode = mode;
    clock.advance(TTL);
    t.equal(await lookup.lookup('shop.example.com'), known, 'the API failed: the last answer');
    t.equal(api.calls.get('shop.example.com'), 2, 'the API was asked');
    t.equal(await lookup.lookup('shop.example.com'), known);
    t.equal(api.calls.get('shop.example.com'), 2, 'and is not asked again on the next request');
    t.equal(await lookup.lookup('gone.example.com'), undefined, 'a cached 404 stays a 404 while the API fails');

    clock.advance(NEGATIVE_TTL);
    t.equal(await lookup.lookup('shop.example.com'), known, 'asked again after retryMs, failed again: still the last answer');
    t.equal(api.calls.get('shop.example.com'), 3);

    await t.rejects(lookup.lookup('new.example.com'), SiteLookupError, 'a host never seen: nothing to serve');
    await t.rejects(lookup.lookup('new.example.com'), { code: 'SSR_ERR_SITE_LOOKUP', statusCode: 503 }, 'remembered: the dead API is not asked again at once');
    t.equal(api.calls.get('new.example.com'), 1);

    clock.advance(STALE - NEGATIVE_TTL + 1);
    await t.rejects(lookup.lookup('shop.example.com'), SiteLookupError, 'past the stale window the answer is no longer served');

    api.mode = 'site';
    clock.advance(NEGATIVE_TTL);
    t.equal((await lookup.lookup('shop.example.com'))?.name, known?.name, 'the API is back: a fresh answer');
    t.equal((await lookup.lookup('new.example.com'))?.name, 'new-example-com');
    t.ok(errors.length >= 4 && errors.every((line) => /^(shop|gone|new)\.example\.com: /.test(line)), 'every failure reported with its host');
    t.same(results, ['miss', 'negative', 'stale', 'stale', 'stale', 'stale', 'error', 'error', 'error', 'miss', 'miss']);
  });
}

t.test('SITES_LOOKUP_STALE_MS=0: a failed refresh is an error at once', async (t) => {
  const api = await startLookupApi(t);
  const clock = manualClock();
  const lookup = createSiteLookup({ url: api.url, ttlMs: TTL, negativeTtlMs: NEGATIVE_TTL, staleMs: 0, timeoutMs: TIMEOUT, defaults, now: clock.now });
  t.teardown(() => lookup.close());
  await lookup.lookup('shop.example.com');
  api.mode = '5xx';
  clock.advance(TTL + 1);
  await t.rejects(lookup.lookup('shop.example.com'), SiteLookupError);
});
