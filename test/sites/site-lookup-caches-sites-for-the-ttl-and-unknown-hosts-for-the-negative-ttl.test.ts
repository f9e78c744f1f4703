// A looked-up site is reused for SITES_LOOKUP_TTL_MS and a 404 ("no such site") for the shorter
// SITES_LOOKUP_NEGATIVE_TTL_MS, then the API is asked again; case and port never make a second entry.
import t from 'tap';
import { createSiteLookup, type SiteLookupResult } from '../../server/sites/site-lookup.js';
import { manualClock, startLookupApi } from './helpers/lookup-api.js';

const defaults = { timeoutMs: 3000, fallbackTimeoutMs: 10_000, offload: 'fc-first' } as const;

t.test('a site is cached for ttlMs, a 404 for negativeTtlMs', async (t) => {
  const api = await startLookupApi(t);
  const clock = manualClock();
  const results: SiteLookupResult[] = [];
  const lookup = createSiteLookup({ url: api.url, ttlMs: 60_000, negativeTtlMs: 10_000, staleMs: 3_600_000, timeoutMs: 2000, defaults, now: clock.now, onResult: (result) => results.push(result) });
  t.teardown(() => lookup.close());

  const site = await lookup.lookup('tenant-1.example.com');
  t.equal(site?.name, 'tenant-1-example-com');
  t.equal(site?.origin, 'https://tenant-1.example.com');
  t.same(site?.targets.map((target) => target.timeoutMs), [3000], 'defaults apply to lookup answers');
  t.ok(Object.isFrozen(site), 'frozen like a site from the file');
  t.equal(await lookup.lookup('Tenant-1.Example.com:443'), site, 'the same host in another case and with a port: the cached answer');
  clock.advance(59_999);
  t.equal(await lookup.lookup('tenant-1.example.com'), site, 'still fresh just before the TTL');
  t.equal(api.calls.get('tenant-1.example.com'), 1, 'one API call so far');
  clock.advance(1);
  const again = await lookup.lookup('tenant-1.example.com');
  t.equal(api.calls.get('tenant-1.example.com'), 2, 'asked again at the TTL');
  t.same(again, site);

  api.mode = 'not-found';
  t.equal(await lookup.lookup('nobody.example.com'), undefined, '404: no such site');
  t.equal(await lookup.lookup('nobody.example.com'), undefined);
  clock.advance(9_999);
  t.equal(await lookup.lookup('nobody.example.com'), undefined);
  t.equal(api.calls.get('nobody.example.com'), 1, 'the 404 is believed for negativeTtlMs');
  api.mode = 'site';
  clock.advance(1);
  t.equal((await lookup.lookup('nobody.example.com'))?.name, 'nobody-example-com', 'after negativeTtlMs the API is asked again');
  t.equal(api.calls.get('nobody.example.com'), 2);

  t.same(results, ['miss', 'hit', 'hit', 'miss', 'negative', 'negative', 'negative', 'miss']);
});

t.test('a malformed host is no site and costs no API call', async (t) => {
  const api = await startLookupApi(t);
  const lookup = createSiteLookup({ url: api.url, ttlMs: 60_000, negativeTtlMs: 10_000, staleMs: 0, timeoutMs: 2000, defaults });
  t.teardown(() => lookup.close());
  t.equal(await lookup.lookup('evil.example.com/../admin'), undefined);
  t.equal(await lookup.lookup('a b'), undefined);
  t.equal(api.total(), 0);
});

t.test('the cache is bounded: the least recently used host is forgotten first', async (t) => {
  const api = await startLookupApi(t);
  const lookup = createSiteLookup({ url: api.url, ttlMs: 60_000, negativeTtlMs: 10_000, staleMs: 0, timeoutMs: 2000, defaults, maxEntries: 2 });
  t.teardown(() => lookup.close());
  await lookup.lookup('a.example.com');
  await lookup.lookup('b.example.com');
  await lookup.lookup('a.example.com');
  await lookup.lookup('c.example.com');
  t.equal(lookup.size, 2);
  await lookup.lookup('a.example.com');
  t.equal(api.calls.get('a.example.com'), 1, 'a was used recently: kept');
  await lookup.lookup('b.example.com');
  t.equal(api.calls.get('b.example.com'), 2, 'b was the least recently used: asked again');
});
