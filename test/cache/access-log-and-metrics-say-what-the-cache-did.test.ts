// Each page's access-log line carries a `cache` field (the same result as ssr_cache_requests_total), and
// the metrics count requests by site and result, plus L1 bytes and entries.
import t from 'tap';
import { repoPath } from '../deploy/helpers/repo.js';
import { startServer } from '../deploy/helpers/start-server.js';

t.test('access log and metrics say what the cache did', async (t) => {
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: repoPath(''),
    env: { ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', ADMIN_PORT: 'off', EMULATOR: 'off', OFFLOAD: 'local-only', LOG_LEVEL: 'info', CACHE_MB: '8' },
  });
  t.teardown(() => server.stop());
  for (const path of ['/products/1001', '/products/1001', '/search?q=x']) await (await fetch(`${server.url}${path}`)).text();
  await (await fetch(`${server.url}/products/1001`, { headers: { authorization: 'Bearer x' } })).text();
  await server.stop();
  const lines = server.output().split('\n').filter(Boolean).map((text) => JSON.parse(text) as Record<string, unknown>).filter((entry) => entry.msg === 'request');
  t.same(lines.map((line) => [line.url, line.cache, line.target]), [
    ['/products/1001', 'miss', 'local'],
    ['/products/1001', 'hit', 'cache'],
    ['/search?q=x', 'miss', 'local'],
    ['/products/1001', 'bypass', 'local'],
  ]);
});

t.test('metrics count requests by result and the L1 size', async (t) => {
  const { startCachedGateway } = await import('../helpers/cached-gateway.js');
  const gw = await startCachedGateway(t);
  await gw.get('/products/1001');
  await gw.get('/products/1001');
  await gw.get('/products/1001', { headers: { authorization: 'Bearer x' } });
  const metrics = await (await fetch(`${gw.adminUrl}/metrics`)).text();
  t.match(metrics, /ssr_cache_requests_total\{site="default",result="miss"\} 1/);
  t.match(metrics, /ssr_cache_requests_total\{site="default",result="hit"\} 1/);
  t.match(metrics, /ssr_cache_requests_total\{site="default",result="bypass"\} 1/);
  t.match(metrics, /ssr_cache_entries 1\n/);
  t.match(metrics, /ssr_cache_bytes [1-9]\d{3,}\n/);
  t.match(metrics, /ssr_page_duration_seconds_count\{target="cache",outcome="hit",status_code="200",site="default"\} 1/);
});
