// A page served from the cache (answered at once from L1, from the bytes stored with it) is FC's page byte
// for byte — multi-byte UTF-8 included, with a content-length that counts bytes — and carries every header
// any answer carries: the client's x-request-id, nosniff, referrer-policy, server-timing, Age and
// Cache-Status, and never FC's own headers or the page's cache-tag.
import t from 'tap';
import { REFERRER_POLICY } from '../../server/answer-header-values.js';
import { startCachedGateway } from '../helpers/cached-gateway.js';

async function bytes(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

t.test('a hit is the rendered page byte for byte, with every answer header', async (t) => {
  const gw = await startCachedGateway(t);
  const fromFc = await bytes(await fetch(`${gw.fc!.url}/products/1001`));
  t.ok(fromFc.length > fromFc.toString('utf8').length, 'the page has multi-byte characters (more bytes than characters)');

  const miss = await fetch(`${gw.url}/products/1001`);
  t.equal(miss.headers.get('x-render-by'), 'fc');
  const missBytes = await bytes(miss);
  t.same(missBytes, fromFc, 'the miss sends FC\'s bytes');
  t.equal(miss.headers.get('content-length'), String(fromFc.length));

  const hit = await fetch(`${gw.url}/products/1001`, { headers: { 'x-request-id': 'hit-123' } });
  t.equal(hit.headers.get('x-render-by'), 'cache');
  const hitBytes = await bytes(hit);
  t.same(hitBytes, fromFc, 'the hit sends the same bytes');
  t.equal(hit.headers.get('content-length'), String(fromFc.length), 'content-length counts bytes, not characters');
  t.equal(hit.headers.get('content-type'), miss.headers.get('content-type'));
  t.equal(hit.headers.get('x-request-id'), 'hit-123');
  t.equal(hit.headers.get('x-content-type-options'), 'nosniff');
  t.equal(hit.headers.get('referrer-policy'), miss.headers.get('referrer-policy') ?? REFERRER_POLICY);
  t.ok(hit.headers.get('referrer-policy'));
  t.match(hit.headers.get('server-timing'), /^cache;dur=[\d.]+;desc="hit"$/);
  t.equal(hit.headers.get('age'), '0');
  t.equal(hit.headers.get('cache-status'), 'ssr-offload; hit; ttl=300');
  t.equal(hit.headers.get('cache-tag'), null, 'tags stay in the cache');
  t.notOk([...hit.headers.keys()].some((name) => name.startsWith('x-fc-')), 'no FC header');
  t.equal(gw.fcCalls(), 2, 'one FC call for the gateway (and the direct one above)');
});
