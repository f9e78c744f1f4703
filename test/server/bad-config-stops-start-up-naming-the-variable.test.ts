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
  [{ ROLE: 'gateway', FC_URL: 'http://fc.internal', HEDGE_MS: 'soon' }, 'HEDGE_MS'],
  [{ ROLE: 'gateway', OFFLOAD: 'local-only', HEDGE_MS: 'auto' }, 'HEDGE_MS'],
  [{ HEDGE_MAX_EXTRA_LOAD: '5%' }, 'HEDGE_MAX_EXTRA_LOAD'],
  [{ HEDGE_MAX_EXTRA_LOAD: '1.5' }, 'HEDGE_MAX_EXTRA_LOAD'],
  [{ BREAKER_SLOW_CALL_PERCENT: '0' }, 'BREAKER_SLOW_CALL_PERCENT'],
  [{ LOCAL_QUEUE_TIMEOUT_MS: '0' }, 'LOCAL_QUEUE_TIMEOUT_MS'],
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

t.test('fc-first hedges adaptively by default (500 ms, or half of a shorter FC_TIMEOUT_MS, until it has learned); HEDGE_MS=<n> is fixed, 0 off; other policies never hedge', async (t) => {
  const fc = { FC_URL: 'http://fc.internal' };
  t.match(loadConfig(fc).hedge, { mode: 'adaptive', delayMs: 500, maxExtraLoad: 0.05, windowMs: 10_000 });
  t.match(loadConfig({ ...fc, HEDGE_MS: 'auto' }).hedge, { mode: 'adaptive', delayMs: 500 });
  t.match(loadConfig({ ...fc, FC_TIMEOUT_MS: '600' }).hedge, { mode: 'adaptive', delayMs: 300 }, 'always below the FC deadline');
  t.match(loadConfig({ ...fc, HEDGE_MS: '0' }).hedge, { mode: 'off', delayMs: 0 });
  t.match(loadConfig({ ...fc, HEDGE_MS: '120', HEDGE_MAX_EXTRA_LOAD: '0.2' }).hedge, { mode: 'fixed', delayMs: 120, maxExtraLoad: 0.2 });
  t.match(loadConfig({ ...fc, OFFLOAD: 'local-first' }).hedge, { mode: 'off', delayMs: 0 });
  t.match(loadConfig({ EMULATOR: 'off' }).hedge, { mode: 'off', delayMs: 0 }, 'local-only');
});

t.test('slow-call rule and local queue defaults', async (t) => {
  const config = loadConfig({ FC_URL: 'http://fc.internal', FC_TIMEOUT_MS: '1000' });
  t.match(config.breaker, { slowCallMs: 500, slowCallPercent: 50, slowCallVolume: 20 });
  t.match(config.local, { maxInflight: 8, queueMax: 64, queueTimeoutMs: 1000 });
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
