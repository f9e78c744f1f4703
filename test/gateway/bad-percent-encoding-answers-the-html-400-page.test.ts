// `/products/%E0%A4%A` used to get Fastify's JSON error, which echoed the URL; every role answers the
// HTML 400 page with SSR_ERR_BAD_URL instead, and never repeats what the client sent.
import t from 'tap';
import { buildCustomRuntime } from '../../functions/custom-runtime.js';
import { loadConfig } from '../../server/config.js';
import { buildRenderer } from '../../server/renderer.js';
import { SITE_ORIGIN, startGateway } from '../helpers/gateway.js';
import { rawGet } from '../helpers/raw-request.js';

const BAD = ['/products/%E0%A4%A', '/products/%zz<b>x</b>', '/%', '/assets/%E0%A4%A.js'];

async function check(t: Parameters<typeof startGateway>[0], baseUrl: string) {
  for (const target of BAD) {
    const answer = await rawGet(baseUrl, target);
    t.equal(answer.status, 400, `${target} → 400`);
    t.match(answer.headers['content-type'], /^text\/html/, `${target}: HTML, not JSON`);
    t.match(answer.body, /SSR_ERR_BAD_URL/);
    t.notMatch(answer.body, /products|<b>|%E0|statusCode/, `${target}: nothing of the URL is echoed`);
  }
}

t.test('gateway', async (t) => {
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' } });
  await check(t, gateway.url);
});

t.test('renderer and custom runtime', async (t) => {
  for (const app of [
    buildRenderer(loadConfig({ ROLE: 'renderer', LOG_LEVEL: 'silent', SITE_ORIGIN }), { clientBuild: undefined }),
    buildCustomRuntime(loadConfig({ ROLE: 'function', LOG_LEVEL: 'silent', SITE_ORIGIN }), { clientBuild: undefined }),
  ]) {
    t.teardown(() => app.close());
    await check(t, await app.listen({ host: '127.0.0.1', port: 0 }));
  }
});
