// A URL that names a file (`/wp-login.php`, `/.env`, `/favicon.ico`) is answered 404 by the gateway without
// rendering, and every page URL still renders. The check runs on every page request as a scan from the end
// of the path (server/file-like-url.ts); it must answer exactly as the split/regex rule it replaced.
import t from 'tap';
import { looksLikeFile } from '../../server/file-like-url.js';
import { startGateway } from '../helpers/gateway.js';

/** The rule as first written: the last path segment starts with a dot or ends in a 1–10 character extension. */
function byRegex(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.startsWith('.') || /\.[A-Za-z0-9]{1,10}$/.test(last);
}

t.test('named URLs', async (t) => {
  const files = ['/wp-login.php', '/.env', '/favicon.ico', '/a/b.tar?x=1', '/robots.txt', '/x.ABCDEFGHIJ', '/dir/.hidden?y'];
  const pages = ['/', '/products/1001', '/blog/v1.2-release', '/search?q=a.php', '/x.ABCDEFGHIJK', '/a.b/c', '/products/1001?ref=mail.html', '/trailing.', '/a/'];
  for (const url of files) t.ok(looksLikeFile(url), `${url} names a file`);
  for (const url of pages) t.notOk(looksLikeFile(url), `${url} is a page`);
});

t.test('same answer as the regex rule on 20,000 generated URLs', async (t) => {
  const alphabet = ['a', 'Z', '0', '9', '.', '/', '?', '-', '_', '%', 'é', '.php', '.ico', '/.', '..'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  let disagreements = 0;
  for (let i = 0; i < 20_000; i++) {
    let url = '/';
    const length = next() % 24;
    for (let j = 0; j < length; j++) url += alphabet[next() % alphabet.length];
    if (looksLikeFile(url) !== byRegex(url)) {
      disagreements += 1;
      if (disagreements <= 5) t.fail(`${JSON.stringify(url)}: scan ${looksLikeFile(url)}, regex ${byRegex(url)}`);
    }
  }
  t.equal(disagreements, 0, 'no URL is judged differently');
});

t.test('the gateway answers a file-like URL 404 and renders pages', async (t) => {
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' } });
  for (const url of ['/wp-login.php', '/.env', '/favicon.ico?v=2']) {
    const response = await fetch(`${gateway.url}${url}`);
    const body = await response.text();
    t.equal(response.status, 404, `${url}: 404`);
    t.equal(response.headers.get('x-render-by'), null, `${url}: nothing rendered it`);
    t.match(body, /There is no file at this address/, `${url}: the file-not-found page`);
  }
  const page = await fetch(`${gateway.url}/blog/v1.2-release`);
  await page.arrayBuffer();
  t.equal(page.headers.get('x-render-by'), 'local', 'a page whose name has a dot in it is rendered');
});
