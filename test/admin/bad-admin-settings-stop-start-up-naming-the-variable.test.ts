// ADMIN_HOST / ADMIN_PORT / ADMIN_TOKEN: defaults (loopback, 9464, mutations disabled), `0` and `off`,
// and every invalid value refused with SSR_ERR_CONFIG naming the variable.
import t from 'tap';
import { loadConfig } from '../../server/config.js';

t.test('defaults and special values', async (t) => {
  t.same(loadConfig({}).admin, { host: '127.0.0.1', port: 9464, token: undefined }, 'loopback, 9464, no token');
  t.equal(loadConfig({ ADMIN_PORT: '0' }).admin.port, 0, '0 = a free port');
  t.equal(loadConfig({ ADMIN_PORT: 'off' }).admin.port, undefined, 'off = no admin listener');
  t.equal(loadConfig({ ADMIN_PORT: 'OFF' }).admin.port, undefined);
  t.equal(loadConfig({ ADMIN_HOST: '0.0.0.0' }).admin.host, '0.0.0.0');
  t.equal(loadConfig({ ADMIN_TOKEN: 'abcdefghijklmnop' }).admin.token, 'abcdefghijklmnop');
  t.equal(loadConfig({ PORT: '0', ADMIN_PORT: '0' }).admin.port, 0, 'both free ports is fine');
});

const refused: Array<[Record<string, string>, string]> = [
  [{ ADMIN_PORT: 'nine' }, 'ADMIN_PORT'],
  [{ ADMIN_PORT: '70000' }, 'ADMIN_PORT'],
  [{ ADMIN_PORT: '3000' }, 'ADMIN_PORT'],
  [{ PORT: '8080', ADMIN_PORT: '8080' }, 'ADMIN_PORT'],
  [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
  [{ ADMIN_TOKEN: 'abcdefghijklmnop\n' }, 'ADMIN_TOKEN'],
  [{ ADMIN_TOKEN: 'abcdefgh ijklmnop' }, 'ADMIN_TOKEN'],
  [{ PROXY_ROUTES: '/metrics=http://x' }, 'PROXY_ROUTES'],
  [{ PROXY_ROUTES: '/cache/v2=http://x' }, 'PROXY_ROUTES'],
  [{ PROXY_ROUTES: '/sites=http://x' }, 'PROXY_ROUTES'],
  [{ PROXY_ROUTES: '/status=http://x' }, 'PROXY_ROUTES'],
];
for (const [env, variable] of refused) {
  t.test(`${JSON.stringify(env)} is refused naming ${variable}`, async (t) => {
    t.throws(() => loadConfig(env), { code: 'SSR_ERR_CONFIG', message: new RegExp(`\\b${variable}\\b`) });
  });
}

t.test('a proxy prefix that only starts like an operator path is fine', async (t) => {
  t.equal(loadConfig({ PROXY_ROUTES: '/cachet=http://x,/statusboard=http://y' }).proxyRoutes.length, 2);
});
