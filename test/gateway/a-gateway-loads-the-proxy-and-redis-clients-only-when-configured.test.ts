// undici with @fastify/http-proxy (5.5 MB of heap) and ioredis (1.9 MB) are loaded only by a gateway that uses
// them: HTTP targets or PROXY_ROUTES, and CACHE_REDIS_URL. A local-only gateway without them serves pages without
// holding either, so V8's marking threads have less to walk at every full collection (docs/benchmarks.md,
// "Instructions per page"); a gateway with proxy routes still proxies.
import { createRequire } from 'node:module';
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { startRecordingUpstream } from '../helpers/proxied-service.js';

const loaded = (name: string) => Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes(`/node_modules/${name}/`));

t.test('a local-only gateway without proxy routes or Redis loads neither', async (t) => {
  const local = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' } });
  const page = await fetch(`${local.url}/products/1001`);
  await page.text();
  t.equal(page.headers.get('x-render-by'), 'local');
  for (const name of ['undici', '@fastify/http-proxy', 'ioredis']) t.same(loaded(name), [], `no file of ${name} was loaded`);
});

t.test('a gateway with proxy routes loads the proxy and forwards', async (t) => {
  const upstream = await startRecordingUpstream(t);
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${upstream.url}` } });
  const answer = await fetch(`${gateway.url}/api/items`);
  await answer.text();
  t.equal(answer.status, 200, 'the proxied route answers');
  t.ok(loaded('@fastify/http-proxy').length > 0 && loaded('undici').length > 0, 'the proxy and undici were loaded for it');
});
