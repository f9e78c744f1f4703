// FC's lifecycle hooks on a custom runtime: POST /initialize (renders once) and GET /pre-stop answer 2xx.
import t from 'tap';
import { buildCustomRuntime } from '../../functions/custom-runtime.js';
import { loadConfig } from '../../server/config.js';

let renders = 0;
const app = buildCustomRuntime(loadConfig({ ROLE: 'function', LOG_LEVEL: 'silent', PORT: '0' }), {
  clientBuild: undefined,
  render: async () => { renders += 1; return { status: 200, headers: {}, html: 'ok' }; },
});
t.teardown(() => app.close());
const base = await app.listen({ host: '127.0.0.1', port: 0 });

t.test('initialize and pre-stop answer 200', async (t) => {
  const initialize = await fetch(`${base}/initialize`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: '' });
  t.equal(initialize.status, 200);
  t.equal(renders, 1, 'the initializer warmed the renderer with one render');
  const preStop = await fetch(`${base}/pre-stop`);
  t.equal(preStop.status, 200);
});
