// A variable with one of our prefixes that ssr-offload does not read, or a name a typo away from one it
// does, gets a start-up warning naming the variable it probably meant (issue #12: OFFLAOD was silently
// ignored). Names FC or Kubernetes set themselves, and other software's variables, get none.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { CONFIG_VARIABLES, loadConfig } from '../../server/config.js';
import { configWarnings } from '../../server/config-warnings.js';

t.test('typos and unknown prefixed names are named with the likely variable', async (t) => {
  const warnings = configWarnings({ OFFLAOD: 'local-only', FC_TIMEOUT: '900', BREAKER_VOLUMES: '3', CACHE_SIZE_MB: '64', LOCAL_MAX_INFLIGT: '4', HEDGE_MAX: '1', ADMIN_TOKN: 'x', EMU_ERROR_RATES: '1', SITE_ORIGN: 'https://x', PROXY_ROUTE: '/a=http://a' });
  const byName = Object.fromEntries(warnings.map((warning) => [warning.variable, warning]));
  t.equal(byName.OFFLAOD?.suggestion, 'OFFLOAD');
  t.equal(byName.FC_TIMEOUT?.suggestion, 'FC_TIMEOUT_MS');
  t.equal(byName.BREAKER_VOLUMES?.suggestion, 'BREAKER_VOLUME');
  t.equal(byName.LOCAL_MAX_INFLIGT?.suggestion, 'LOCAL_MAX_INFLIGHT');
  t.equal(byName.ADMIN_TOKN?.suggestion, 'ADMIN_TOKEN');
  t.equal(byName.EMU_ERROR_RATES?.suggestion, 'EMU_ERROR_RATE');
  t.equal(byName.SITE_ORIGN?.suggestion, 'SITE_ORIGIN');
  t.equal(byName.PROXY_ROUTE?.suggestion, 'PROXY_ROUTES');
  t.ok(byName.CACHE_SIZE_MB, 'an unknown CACHE_ name is reported even with no close match');
  t.ok(byName.HEDGE_MAX, 'an unknown HEDGE_ name is reported');
  t.match(byName.OFFLAOD?.message, /^OFFLAOD is not a variable ssr-offload reads; did you mean OFFLOAD\?/);
  t.equal(warnings.length, 10);
  t.ok(Object.isFrozen(warnings), 'the list is frozen');
});

t.test('known names, FC runtime names, Kubernetes service links and unrelated variables get no warning', async (t) => {
  const env: Record<string, string> = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, 'x']));
  Object.assign(env, {
    // FC sets these itself on every instance.
    FC_FUNC_CODE_PATH: '/code', FC_FUNCTION_HANDLER: 'index.handler', FC_FUNCTION_MEMORY_SIZE: '1024', FC_INSTANCE_ID: 'c-1',
    FC_FUNCTION_VERSION: 'LATEST', FC_CUSTOM_LISTEN_PORT: '9000', FC_SERVER_PORT: '9000',
    // Kubernetes service links for Services named cache, admin and fc-proxy.
    CACHE_SERVICE_HOST: '10.0.0.1', CACHE_SERVICE_PORT: '6379', CACHE_PORT: 'tcp://10.0.0.1:6379', CACHE_PORT_6379_TCP: 'tcp://10.0.0.1:6379',
    CACHE_PORT_6379_TCP_ADDR: '10.0.0.1', ADMIN_SERVICE_PORT_HTTP: '80', FC_PROXY_PORT_80_TCP_PROTO: 'tcp',
    // The emulator's own knobs.
    EMU_PORT: '9100', EMU_ERROR_RATE: '0.5', EMU_FUNCTION_PATH: '/x', EMU_OVERDUE_MS: '100', EMU_SEED: '1',
    // Everyone else's.
    HOME: '/root', PATH: '/bin', HOSTNAME: 'pod-1', NODE_ENV: 'production', NODE_OPTIONS: '', TZ: 'UTC', LANG: 'C',
    OTEL_BSP_SCHEDULE_DELAY: '500', KUBERNETES_SERVICE_HOST: '10.0.0.1', ALIBABA_CLOUD_ACCESS_KEY_ID: 'x', npm_lifecycle_event: 'start',
  });
  t.same(configWarnings(env), []);
});

t.test('the known names follow CONFIG_VARIABLES, so a variable added there is never reported', async (t) => {
  t.ok(CONFIG_VARIABLES.every((name) => configWarnings({ [name]: '1' }).length === 0));
});

t.test('loadConfig itself stays pure and silent', async (t) => {
  const config = loadConfig({ OFFLAOD: 'local-only' });
  t.notOk('warnings' in config, 'no warnings on the Config object');
});

t.test('npm start prints the warning and still starts', async (t) => {
  const main = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import=tsx', main], {
    env: { PATH: process.env.PATH ?? '', ROLE: 'renderer', HOST: '127.0.0.1', PORT: '0', ADMIN_PORT: 'off', OFFLAOD: 'local-only' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => { child.kill('SIGKILL'); });
  let output = '';
  const started = new Promise<void>((resolve) => {
    const read = (chunk: Buffer) => { output += chunk.toString('utf8'); if (/Server listening/.test(output)) resolve(); };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
  await started;
  const line = output.split('\n').find((entry) => entry.includes('OFFLAOD'));
  t.ok(line, 'a start-up line names OFFLAOD');
  const logged = JSON.parse(line!) as { level: number; variable: string; suggestion: string; msg: string };
  t.match(logged, { level: 40, variable: 'OFFLAOD', suggestion: 'OFFLOAD' });
  t.match(logged.msg, /did you mean OFFLOAD\?/);
});
