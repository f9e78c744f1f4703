// The last-good copies served when no renderer answers: only public 200 pages, per URL and language,
// and never more bytes than configured (oldest out first).
import t from 'tap';
import { createStalePages } from '../../server/offload/stale-pages.js';

const page = (html: string, headers: Record<string, string> = { 'cache-control': 'public, max-age=60' }, status = 200) => ({ status, headers, html });
const get = (url: string, lang?: string) => ({ url, headers: lang ? { 'accept-language': lang } : {} });

t.test('remembers public 200 pages per URL and language', async (t) => {
  const stale = createStalePages(1024 * 1024);
  stale.remember(get('/a', 'en'), page('<p>en</p>'));
  stale.remember(get('/a', 'de'), page('<p>de</p>'));
  t.equal(stale.recall(get('/a', 'en'))?.html, '<p>en</p>');
  t.equal(stale.recall(get('/a', 'de'))?.html, '<p>de</p>');
  t.equal(stale.recall(get('/b', 'en')), undefined);
});

t.test('never keeps private, no-store, cookie-setting or non-200 answers', async (t) => {
  const stale = createStalePages(1024 * 1024);
  stale.remember(get('/search?q=x'), page('s', { 'cache-control': 'private, no-cache' }));
  stale.remember(get('/500'), page('e', { 'cache-control': 'no-store' }, 500));
  stale.remember(get('/404'), page('n', {}, 404));
  stale.remember(get('/c'), page('c', { 'set-cookie': 'session=1' }));
  t.equal(stale.bytes, 0);
});

t.test('stays within its byte budget, dropping the oldest first', async (t) => {
  const stale = createStalePages(3 * 1024);
  for (const name of ['/1', '/2', '/3', '/4']) stale.remember(get(name), page('x'.repeat(500)));
  t.ok(stale.bytes <= 3 * 1024, `bytes ${stale.bytes} within budget`);
  t.equal(stale.recall(get('/1')), undefined, 'oldest dropped');
  t.ok(stale.recall(get('/4')), 'newest kept');
});
