// Whatever the lookup API answers, it can only route the host it was asked about: an answer whose hosts do
// not claim that host, one that makes itself the default site, or one that takes a configured site's name
// (its metrics label and cache keys) is refused like garbage.
import t from 'tap';
import { SiteLookupError } from '../../server/errors.js';
import { createSiteLookup } from '../../server/sites/site-lookup.js';
import { siteFor, startLookupApi } from './helpers/lookup-api.js';

const defaults = { timeoutMs: 3000, fallbackTimeoutMs: 10_000, offload: 'fc-first' } as const;

t.test('an answer for another host, a default site, a reserved name: refused', async (t) => {
  const api = await startLookupApi(t);
  const errors: string[] = [];
  const lookup = createSiteLookup({
    url: api.url, ttlMs: 60_000, negativeTtlMs: 10_000, staleMs: 0, timeoutMs: 30_000, defaults,
    isReservedName: (name) => name === 'shop-example-com', onError: (_host, error) => errors.push(error.message),
  });
  t.teardown(() => lookup.close());

  api.mode = 'other-host';
  await t.rejects(lookup.lookup('attacker.example.com'), SiteLookupError);
  t.match(errors.at(-1), 'site "victim-example-com" does not claim attacker.example.com in its hosts (victim.example.com)');

  api.mode = 'default-site';
  await t.rejects(lookup.lookup('greedy.example.com'), SiteLookupError);
  t.match(errors.at(-1), 'is marked default');

  api.mode = 'site';
  await t.rejects(lookup.lookup('shop.example.com'), SiteLookupError, 'a tenant may not take a configured site\'s name');
  t.match(errors.at(-1), 'has the name of a configured site');
});

t.test('a wildcard answer claims the hosts under it, never its bare suffix', async (t) => {
  // The injectable client (fetch's signature) stands in for the API here: the answer is all that matters.
  const request: typeof fetch = async (url) => {
    const host = new URL(String(url)).searchParams.get('host')!;
    return new Response(JSON.stringify(siteFor(host, { name: 'tenant', hosts: ['*.tenant.example.com'] })), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const lookup = createSiteLookup({ url: 'http://lookup.invalid/sites', ttlMs: 60_000, negativeTtlMs: 10_000, staleMs: 0, timeoutMs: 30_000, defaults, request });
  t.teardown(() => lookup.close());
  t.equal((await lookup.lookup('www.tenant.example.com'))?.name, 'tenant');
  await t.rejects(lookup.lookup('tenant.example.com'), SiteLookupError, '*.tenant.example.com does not claim tenant.example.com');
});
