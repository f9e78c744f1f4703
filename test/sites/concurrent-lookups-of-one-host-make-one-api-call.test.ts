// A burst of requests for a host nobody has looked up yet (a tenant's launch, a cache expiry) makes one
// lookup API call, and every request gets its answer; other hosts are not held up by it.
import { once } from 'node:events';
import t from 'tap';
import { createSiteLookup, type SiteLookupResult } from '../../server/sites/site-lookup.js';
import { startLookupApi } from './helpers/lookup-api.js';

const defaults = { timeoutMs: 3000, fallbackTimeoutMs: 10_000, offload: 'fc-first' } as const;

t.test('50 concurrent lookups of one host: one call, one answer for all', async (t) => {
  const api = await startLookupApi(t);
  const results: SiteLookupResult[] = [];
  const lookup = createSiteLookup({ url: api.url, ttlMs: 60_000, negativeTtlMs: 10_000, staleMs: 0, timeoutMs: 30_000, defaults, onResult: (result) => results.push(result) });
  t.teardown(() => lookup.close());
  api.mode = 'hold';
  const called = once(api.events, 'call');
  const burst = Array.from({ length: 50 }, (_, i) => lookup.lookup(i % 2 ? 'Launch.Example.com' : 'launch.example.com:443'));
  await called;
  api.mode = 'site';
  t.equal((await lookup.lookup('other.example.com'))?.name, 'other-example-com', 'another host is answered while the first is held');
  api.release();
  const sites = await Promise.all(burst);
  t.equal(api.calls.get('launch.example.com'), 1, 'one API call for the burst');
  t.ok(sites.every((site) => site === sites[0] && site?.name === 'launch-example-com'), 'every request got the same site');
  t.equal(results.filter((result) => result === 'miss').length, 51, 'each waiting request is a miss (it waited for the API)');
  await lookup.lookup('launch.example.com');
  t.equal(results.at(-1), 'hit');
  t.equal(api.calls.get('launch.example.com'), 1);
});

t.test('a burst while the API is down: one call, every request gets the error', async (t) => {
  const api = await startLookupApi(t);
  const lookup = createSiteLookup({ url: api.url, ttlMs: 60_000, negativeTtlMs: 10_000, staleMs: 0, timeoutMs: 30_000, defaults });
  t.teardown(() => lookup.close());
  api.mode = '5xx';
  const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => lookup.lookup('down.example.com')));
  t.ok(outcomes.every((outcome) => outcome.status === 'rejected' && (outcome.reason as { code?: string }).code === 'SSR_ERR_SITE_LOOKUP'));
  t.equal(api.calls.get('down.example.com'), 1);
});
