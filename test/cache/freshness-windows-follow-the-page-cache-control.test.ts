// RFC 9111 / RFC 5861 rules the cache reads from a page's own cache-control.
import t from 'tap';
import { parseCacheControl } from '../../server/cache/cache-control.js';
import { freshnessState, freshnessWindows } from '../../server/cache/freshness.js';

const NOW = 1_000_000;
const windows = (header: string, age?: string) => freshnessWindows(parseCacheControl(header), age, NOW);

t.test('s-maxage wins over max-age (we are a shared cache)', async (t) => {
  t.equal(windows('public, max-age=60, s-maxage=300')?.freshUntil, NOW + 300_000);
  t.equal(windows('public, max-age=60')?.freshUntil, NOW + 60_000);
});

t.test('stale-while-revalidate and stale-if-error count from the end of freshness', async (t) => {
  const w = windows('max-age=10, stale-while-revalidate=20, stale-if-error=100')!;
  t.same([w.freshUntil, w.staleWhileRevalidateUntil, w.staleIfErrorUntil], [NOW + 10_000, NOW + 30_000, NOW + 110_000]);
  t.equal(freshnessState(w, NOW + 9_999), 'fresh');
  t.equal(freshnessState(w, NOW + 10_000), 'stale-while-revalidate');
  t.equal(freshnessState(w, NOW + 30_000), 'stale-if-error');
  t.equal(freshnessState(w, NOW + 110_000), 'dead');
});

t.test('must-revalidate and proxy-revalidate forbid serving stale', async (t) => {
  for (const directive of ['must-revalidate', 'proxy-revalidate']) {
    const w = windows(`max-age=10, ${directive}, stale-while-revalidate=20, stale-if-error=100`)!;
    t.equal(w.staleIfErrorUntil, w.freshUntil, directive);
    t.equal(w.staleWhileRevalidateUntil, w.freshUntil, directive);
  }
});

t.test('an Age the page arrived with is subtracted', async (t) => {
  t.equal(windows('max-age=60', '50')?.freshUntil, NOW + 10_000);
  t.equal(windows('max-age=60', '90')?.freshUntil, NOW, 'never negative');
});

t.test('no explicit lifetime means no windows; a broken one counts as 0', async (t) => {
  t.equal(windows('public'), undefined);
  t.equal(windows('public, max-age=abc')?.freshUntil, NOW);
  t.equal(windows('max-age="120"')?.freshUntil, NOW + 120_000, 'quoted values are read (RFC 9111 §5.2 allows them)');
  t.equal(windows('MAX-AGE=5')?.freshUntil, NOW + 5_000, 'directive names are case-insensitive');
});

t.test('parseCacheControl keeps the first of duplicated directives and survives junk', async (t) => {
  const d = parseCacheControl('max-age=1, max-age=2, , ===, no-cache="set-cookie", public');
  t.equal(d.get('max-age'), '1');
  t.equal(d.get('no-cache'), 'set-cookie');
  t.equal(d.get('public'), true);
});
