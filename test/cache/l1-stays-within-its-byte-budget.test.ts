// L1 never holds more bytes than CACHE_MB allows, least recently used out first, and drops a record
// once every window has passed.
import t from 'tap';
import type { CachedPage } from '../../server/cache/cache-entry.js';
import { createL1Store } from '../../server/cache/l1-store.js';

const page = (key: string, htmlBytes: number, end = 10_000): CachedPage => ({
  kind: 'page', key, primary: key, site: 's', url: key, status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from('x'.repeat(htmlBytes)),
  tags: [], vary: [], renderedBy: 'fc', storedAt: 0, freshUntil: end, staleWhileRevalidateUntil: end, staleIfErrorUntil: end,
});

t.test('bounded by bytes, LRU first out', async (t) => {
  const l1 = createL1Store({ maxBytes: 64 * 1024 });
  for (let i = 0; i < 20; i += 1) l1.set(page(`/p${i}`, 7000));
  t.ok(l1.bytes <= 64 * 1024, `${l1.bytes} bytes`);
  t.ok(l1.entries < 20);
  t.equal(l1.get('/p0', 0), undefined, 'the oldest went first');
  t.ok(l1.get('/p19', 0));
});

t.test('one page may not take more than an eighth of the budget', async (t) => {
  const l1 = createL1Store({ maxBytes: 64 * 1024 });
  l1.set(page('/huge', 20_000));
  t.equal(l1.get('/huge', 0), undefined);
});

t.test('a record past its last window is gone', async (t) => {
  const l1 = createL1Store({ maxBytes: 64 * 1024 });
  l1.set(page('/p', 10, 5000));
  t.ok(l1.get('/p', 4999));
  t.equal(l1.get('/p', 5000), undefined);
  t.equal(l1.entries, 0);
});
