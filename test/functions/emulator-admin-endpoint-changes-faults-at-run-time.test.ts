// PUT /__emulator/faults changes the knobs of a running emulator; bad knobs are refused with 400.
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

const fc = await startEmulator();
t.teardown(() => fc.close());
const admin = `${fc.url}/__emulator/faults`;

t.test('faults change while running', async (t) => {
  t.equal((await fetch(`${fc.url}/products/1001`).then(async (r) => { await r.arrayBuffer(); return r.status; })), 200);
  const put = await fetch(admin, { method: 'PUT', body: JSON.stringify({ throttleRate: 1 }) });
  t.match(await put.json(), { throttleRate: 1, errorRate: 0 });
  const throttled = await fetch(`${fc.url}/products/1001`);
  await throttled.arrayBuffer();
  t.equal(throttled.status, 429);
  t.match(await fetch(admin).then((r) => r.json()), { throttleRate: 1 });

  const bad = await fetch(admin, { method: 'PUT', body: JSON.stringify({ errorRate: 2 }) });
  t.equal(bad.status, 400);
  t.match(await bad.json(), { error: /errorRate/ });
  const unknown = await fetch(admin, { method: 'PUT', body: JSON.stringify({ explode: true }) });
  t.equal(unknown.status, 400);
  t.equal(fc.faults().errorRate, 0, 'a refused change changes nothing');
});
