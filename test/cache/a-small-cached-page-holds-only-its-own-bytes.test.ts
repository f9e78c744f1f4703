// The bytes the cache keeps for a page (and those an FC answer is read into) are memory of their own: a
// small page, such as a redirect, never keeps a slab of Node's shared 8 KB Buffer pool alive, which the
// byte budget (CACHE_MB) would not count.
import t from 'tap';
import { encodeBody, joinBody } from '../../server/encoded-body.js';
import { parseRecord, recordJson, type CachedPage } from '../../server/cache/cache-entry.js';

t.test('encoded bodies own their memory', async (t) => {
  const html = '<!doctype html><title>Moved — ★</title>';
  const body = encodeBody(html);
  t.equal(body.toString('utf8'), html);
  t.equal(body.buffer.byteLength, Buffer.byteLength(html), 'no pool slab behind a small page');

  const joined = joinBody([Buffer.from('<p>a'), Buffer.from('b</p>')], 9);
  t.equal(joined.toString(), '<p>ab</p>');
  t.equal(joined.buffer.byteLength, 9);
});

t.test('a page read back from Redis owns its bytes too', async (t) => {
  const page: CachedPage = {
    kind: 'page', key: 's\n/r', primary: 's\n/r', site: 's', url: '/r', status: 301, headers: { location: '/x' }, body: encodeBody('<p>moved</p>'),
    tags: [], vary: [], renderedBy: 'fc', storedAt: 0, freshUntil: 1, staleWhileRevalidateUntil: 1, staleIfErrorUntil: 1,
  };
  const json = recordJson(page);
  t.match(JSON.parse(json), { html: '<p>moved</p>' }, 'Redis keeps the HTML as a string');
  const back = parseRecord(json) as CachedPage;
  t.equal(back.body.toString(), '<p>moved</p>');
  t.equal(back.body.buffer.byteLength, back.body.length);
  t.notOk('html' in back, 'L1 records hold the bytes only');
});
