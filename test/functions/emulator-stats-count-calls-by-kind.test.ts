// GET /__emulator/stats counts calls by kind (admin calls excluded); reset-stats zeroes them. Gateway tests
// use this to assert that FC saw no traffic.
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

const fc = await startEmulator();
t.teardown(() => fc.close());
const stats = () => fetch(`${fc.url}/__emulator/stats`).then((r) => r.json());

t.test('calls are counted by kind', async (t) => {
  t.match(await stats(), { calls: { http: 0, invoke: 0, total: 0 } });
  await fetch(`${fc.url}/products/1001`).then((r) => r.arrayBuffer());
  await fetch(`${fc.url}/products/1001`, { method: 'HEAD' }).then((r) => r.arrayBuffer());
  await fetch(`${fc.url}/2023-03-30/functions/ssr-render/invocations`, { method: 'POST', body: '{"url":"/","headers":{}}' }).then((r) => r.arrayBuffer());
  t.match(await stats(), { calls: { http: 2, invoke: 1, total: 3 }, outcomes: { ok: 3 } });
  t.same(fc.stats().calls, { http: 2, invoke: 1, total: 3 }, 'the in-process view agrees');
  const reset = await fetch(`${fc.url}/__emulator/reset-stats`, { method: 'POST' });
  t.equal(reset.status, 204);
  t.match(await stats(), { calls: { total: 0 } });
});
