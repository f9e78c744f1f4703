// The status page's fault knobs (embedded emulator only) change the emulator: with ADMIN_TOKEN set they
// need the bearer token like every mutating admin call; without one (the local demo, admin listener on
// loopback) they are open, but only to JSON bodies — a cross-site form post cannot reach them.
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';
import { startGateway } from '../helpers/gateway.js';

const TOKEN = 'a-long-enough-admin-token-1234';

t.test('with ADMIN_TOKEN', async (t) => {
  const fc = await startEmulator();
  t.teardown(() => fc.close());
  const gateway = await startGateway(t, { emulator: false, env: { FC_URL: fc.url, ADMIN_TOKEN: TOKEN }, deps: { emulatorUrl: fc.url } });
  const put = (headers: Record<string, string>) => fetch(`${gateway.adminUrl}/status/emulator/faults`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: '{"errorRate":1}' });
  const anonymous = await put({});
  t.equal(anonymous.status, 401);
  await anonymous.arrayBuffer();
  t.equal(fc.faults().errorRate, 0, 'nothing changed');
  const wrong = await put({ authorization: 'Bearer not-the-token-at-all-xxxx' });
  t.equal(wrong.status, 401);
  await wrong.arrayBuffer();
  const ok = await put({ authorization: `Bearer ${TOKEN}` });
  t.equal(ok.status, 200);
  t.equal((await ok.json() as { errorRate: number }).errorRate, 1);
  t.equal(fc.faults().errorRate, 1, 'the emulator got the knob');
  const status = await (await fetch(`${gateway.adminUrl}/status.json`)).json() as { emulator: { url: string; tokenRequired: boolean } };
  t.same(status.emulator, { url: fc.url, tokenRequired: true });
});

t.test('without ADMIN_TOKEN on loopback', async (t) => {
  const fc = await startEmulator();
  t.teardown(() => fc.close());
  const gateway = await startGateway(t, { emulator: false, env: { FC_URL: fc.url }, deps: { emulatorUrl: fc.url } });
  const form = await fetch(`${gateway.adminUrl}/status/emulator/faults`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: '{"errorRate":1}' });
  t.equal(form.status, 415, 'a simple (CORS-safelisted) request body is refused');
  await form.arrayBuffer();
  t.equal(fc.faults().errorRate, 0);
  const json = await fetch(`${gateway.adminUrl}/status/emulator/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"hangRate":1}' });
  t.equal(json.status, 200);
  await json.arrayBuffer();
  t.equal(fc.faults().hangRate, 1);
  const bad = await fetch(`${gateway.adminUrl}/status/emulator/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"errorRate":7}' });
  t.equal(bad.status, 400, "the emulator's own validation answers");
  await bad.arrayBuffer();
  const page = await fetch(`${gateway.adminUrl}/status`);
  t.equal(page.status, 200);
  t.match(page.headers.get('content-security-policy'), /default-src 'none'/);
  t.notMatch(await page.text(), /<script[^>]+src=|<link[^>]+stylesheet/, 'self-contained: no external script or stylesheet');
});
