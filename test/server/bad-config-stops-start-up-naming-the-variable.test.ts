import t from 'tap';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/config.js';

const cases: Array<[Record<string, string>, string]> = [
  [{ PORT: 'eighty' }, 'PORT'],
  [{ ROLE: 'worker' }, 'ROLE'],
  [{ FC_TIMEOUT_MS: '10' }, 'FC_TIMEOUT_MS'],
  [{ FC_URL: 'ftp://fc.example' }, 'FC_URL'],
  [{ FC_TRANSPORT: 'sdk', FC_REGION: 'cn-hangzhou', FC_FUNCTION_NAME: 'ssr' }, 'FC_ACCOUNT_ID'],
  [{ ROLE: 'gateway', FC_URL: 'http://fc.internal', HEDGE_MS: '5000' }, 'HEDGE_MS'],
  [{ PROXY_ROUTES: '/assets=http://cdn' }, 'PROXY_ROUTES'],
  [{ SITE_ORIGIN: 'https://shop.example.com/path' }, 'SITE_ORIGIN'],
  [{ ROLE: 'gateway', EMULATOR: 'off', OFFLOAD: 'fc-first' }, 'OFFLOAD'],
];

for (const [env, variable] of cases) {
  t.test(`${JSON.stringify(env)} is refused and the message names ${variable}`, async (t) => {
    t.throws(() => loadConfig(env), { code: 'SSR_ERR_CONFIG', message: new RegExp(`\\b${variable}\\b`) });
  });
}

t.test('the parsed configuration is frozen', async (t) => {
  const config = loadConfig({});
  t.ok(Object.isFrozen(config) && Object.isFrozen(config.fc) && Object.isFrozen(config.breaker));
});

t.test('fc-first hedges by default after 500 ms, or half of a shorter FC_TIMEOUT_MS; HEDGE_MS=0 turns it off; other policies never hedge', async (t) => {
  const fc = { FC_URL: 'http://fc.internal' };
  t.equal(loadConfig(fc).hedgeMs, 500);
  t.equal(loadConfig({ ...fc, FC_TIMEOUT_MS: '600' }).hedgeMs, 300, 'always below the FC deadline');
  t.equal(loadConfig({ ...fc, HEDGE_MS: '0' }).hedgeMs, 0);
  t.equal(loadConfig({ ...fc, HEDGE_MS: '120' }).hedgeMs, 120);
  t.equal(loadConfig({ ...fc, OFFLOAD: 'local-first' }).hedgeMs, 0);
  t.equal(loadConfig({ EMULATOR: 'off' }).hedgeMs, 0, 'local-only');
});

t.test('the process exits non-zero and stderr names the variable', async (t) => {
  const main = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import=tsx', main], { env: { ...process.env, PORT: 'not-a-port' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const [code] = await once(child, 'exit');
  t.equal(code, 78);
  t.match(stderr, /PORT must be an integer/);
});
