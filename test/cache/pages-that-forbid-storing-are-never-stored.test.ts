// no-store, private, no-cache, set-cookie, vary: * and a vary on a header outside the key: each page is
// rendered again on every request, says why in Cache-Status, and a 5xx page is never stored either.
import t from 'tap';
import type { Render } from '../../ssr/index.js';
import { startCachedGateway } from '../helpers/cached-gateway.js';

const PAGES: Record<string, { status?: number; headers: Record<string, string>; detail: string }> = {
  '/no-store': { headers: { 'cache-control': 'public, max-age=60, no-store' }, detail: 'not-stored-no-store' },
  '/private': { headers: { 'cache-control': 'private, max-age=60' }, detail: 'not-stored-private' },
  '/no-cache': { headers: { 'cache-control': 'public, max-age=60, no-cache' }, detail: 'not-stored-no-cache' },
  '/cookie': { headers: { 'cache-control': 'public, max-age=60', 'set-cookie': 'session=abc' }, detail: 'not-stored-set-cookie' },
  '/vary-star': { headers: { 'cache-control': 'public, max-age=60', vary: '*' }, detail: 'not-stored-vary-star' },
  '/vary-unkeyed': { headers: { 'cache-control': 'public, max-age=60', vary: 'X-Device' }, detail: 'not-stored-vary-unkeyed' },
  '/no-lifetime': { headers: {}, detail: 'not-stored-no-lifetime' },
  '/error': { status: 500, headers: { 'cache-control': 'public, max-age=60' }, detail: 'not-stored-status' },
};

t.test('pages that forbid storing are never stored', async (t) => {
  const calls = new Map<string, number>();
  const render: Render = async ({ url }) => {
    calls.set(url, (calls.get(url) ?? 0) + 1);
    const page = PAGES[url]!;
    return { status: page.status ?? 200, headers: { 'content-type': 'text/html; charset=utf-8', ...page.headers }, html: `<p>${url}</p>` };
  };
  const gw = await startCachedGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' }, deps: { render } });
  for (const [url, page] of Object.entries(PAGES)) {
    for (let i = 0; i < 2; i += 1) {
      const answer = await gw.get(url);
      t.equal(answer.status, page.status ?? 200, url);
      t.equal(answer.headers.get('x-render-by'), 'local', `${url} is rendered every time`);
      t.equal(answer.headers.get('cache-status'), `ssr-offload; fwd=miss; fwd-status=${page.status ?? 200}; detail=${page.detail}`);
    }
    t.equal(calls.get(url), 2, `${url} rendered twice`);
  }
});
