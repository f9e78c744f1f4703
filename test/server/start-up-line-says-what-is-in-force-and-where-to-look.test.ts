// `npm start` (the container entry, no FC configured): after both listeners are up, one log line says
// role, policy, the embedded emulator's URL, hedging, breaker, cache, tracing, the status page and the
// page URL to open — and both URLs it names answer.
import t from 'tap';
import { repoPath } from '../deploy/helpers/repo.js';
import { startServer } from '../deploy/helpers/start-server.js';

t.test('the start-up line', async (t) => {
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: repoPath(''),
    env: { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', CACHE_MB: '32', SITE_ORIGIN: 'https://shop.example.com' },
  });
  t.teardown(() => server.stop());
  const adminUrl = await server.adminUrl();
  const page = await fetch(`${server.url}/products/1001`);
  await page.text();
  const entries = server.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
  const ready = entries.filter((entry) => String(entry.msg).startsWith('ssr-offload gateway ready'));
  t.equal(ready.length, 1, 'exactly one summary line');
  const line = ready[0]!;
  t.match(line, { role: 'gateway', policy: 'fc-first', hedgeMs: 500, cacheMb: 32, cacheRedis: false, renderThreads: Number, tracing: false, adminUrl, pageUrl: `${server.url}/` });
  t.match(String(line.fc), /^embedded emulator at http:\/\/127\.0\.0\.1:\d+$/, 'names the embedded emulator');
  t.match(line.msg, new RegExp(`open ${server.url}/ · policy fc-first · FC embedded emulator at http://127\\.0\\.0\\.1:\\d+ · hedge delay learned from FC's latency \\(500 ms until learned\\) · breaker opens at 50% of >= 5 calls or 5 in a row, retries after 10 s · cache 32 MB in-process · (local renders on the event loop|\\d+ render threads?) \\(auto: \\d+ CPUs?\\) · traces off · status page ${adminUrl}/status`));
  t.equal(page.status, 200, 'the page URL it names is served');
  const status = await fetch(`${adminUrl}/status`);
  t.equal(status.status, 200, 'the status page it names answers');
  await status.text();
});

t.test('LOG_FORMAT=pretty prints for humans; json stays the default', async (t) => {
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: repoPath(''),
    env: { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', EMULATOR: 'off', ADMIN_PORT: 'off', LOG_FORMAT: 'pretty' },
  });
  t.teardown(() => server.stop());
  // The summary follows the listening line; wait for it on the child's output (event, not a timer).
  await new Promise<void>((resolve) => {
    const check = () => { if (/gateway ready/.test(server.output())) { server.child.stdout!.off('data', check); resolve(); } };
    server.child.stdout!.on('data', check);
    check();
  });
  const output = server.output();
  t.match(output, /INFO.*ssr-offload gateway ready · open .* · admin listener off/, 'a readable summary line');
  t.notOk(output.split('\n').some((line) => line.startsWith('{"level"')), 'no JSON lines');
});
