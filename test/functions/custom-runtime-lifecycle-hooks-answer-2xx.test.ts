// FC's lifecycle hooks on a custom runtime: POST /initialize (answers once the warm-up rendered
// WARMUP_PATHS, then renders once more itself) and GET /pre-stop answer 2xx.
import t from 'tap';
import { buildCustomRuntime } from '../../functions/custom-runtime.js';
import { loadConfig } from '../../server/config.js';

let renders = 0;
const app = buildCustomRuntime(loadConfig({ ROLE: 'function', LOG_LEVEL: 'silent', PORT: '0', WARMUP_PATHS: '/,/products/1001' }), {
  clientBuild: undefined,
  render: async () => { renders += 1; return { status: 200, headers: {}, html: 'ok' }; },
});
t.teardown(() => app.close());
const base = await app.listen({ host: '127.0.0.1', port: 0 });

t.test('initialize and pre-stop answer 200', async (t) => {
  const initialize = await fetch(`${base}/initialize`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: '' });
  t.equal(initialize.status, 200);
  t.equal(renders, 2 * 3 + 1, 'the initializer answered after the warm-up (2 paths, 3 rounds) and its own render');
  const preStop = await fetch(`${base}/pre-stop`);
  t.equal(preStop.status, 200);
});
