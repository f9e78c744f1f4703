// The lookup API's answer is taken as it comes from the configured URL: a redirect is never followed (it
// could point anywhere) and an answer over 256 KiB is never buffered; both count as a failed lookup.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { SiteLookupError } from '../../server/errors.js';
import { createSiteLookup } from '../../server/sites/site-lookup.js';
import { siteFor } from './helpers/lookup-api.js';

const defaults = { timeoutMs: 3000, fallbackTimeoutMs: 10_000, offload: 'fc-first' } as const;

t.test('a 302 and a 300 KB answer are failures, and the redirect target is never asked', async (t) => {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    const host = new URL(req.url ?? '/', 'http://x').searchParams.get('host');
    if (req.url?.startsWith('/elsewhere')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(siteFor(host ?? 'x')));
    if (host === 'moved.example.com') return void res.writeHead(302, { location: `/elsewhere?host=${host}` }).end();
    const big = { ...siteFor(host!), padding: 'x'.repeat(300 * 1024) };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(big));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(() => {
    server.closeAllConnections();
    server.close();
  });
  const errors: string[] = [];
  const lookup = createSiteLookup({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sites`, ttlMs: 60_000, negativeTtlMs: 10_000, staleMs: 0, timeoutMs: 30_000, defaults,
    onError: (_host, error) => errors.push(error.message),
  });
  t.teardown(() => lookup.close());
  await t.rejects(lookup.lookup('moved.example.com'), SiteLookupError);
  t.notOk(paths.some((path) => path.startsWith('/elsewhere')), 'the redirect was not followed');
  await t.rejects(lookup.lookup('huge.example.com'), SiteLookupError);
  t.match(errors.at(-1), 'the answer is larger than 262144 bytes');
});
