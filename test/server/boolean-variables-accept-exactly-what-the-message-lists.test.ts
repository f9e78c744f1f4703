// A boolean variable accepts exactly the values its error message lists (true/false, 1/0, on/off, any
// case) and nothing else: FC_FORWARD_COOKIES=yes was accepted although the message said "true or false".
import t from 'tap';
import { loadConfig } from '../../server/config.js';

const TRUE = ['true', 'TRUE', 'True', '1', 'on', 'ON'];
const FALSE = ['false', 'FALSE', '0', 'off', 'Off'];
const REFUSED = ['yes', 'no', 'y', 'n', 'enabled', '2', 'truthy', 'of'];

t.test('FC_FORWARD_COOKIES', async (t) => {
  for (const value of TRUE) t.equal(loadConfig({ FC_FORWARD_COOKIES: value }).fc.forwardCookies, true, `${value} → true`);
  for (const value of FALSE) t.equal(loadConfig({ FC_FORWARD_COOKIES: value }).fc.forwardCookies, false, `${value} → false`);
  for (const value of REFUSED) {
    t.throws(() => loadConfig({ FC_FORWARD_COOKIES: value }), { code: 'SSR_ERR_CONFIG', message: `FC_FORWARD_COOKIES must be one of true, false, 1, 0, on, off; got "${value}"` }, `${value} refused`);
  }
});

t.test('EMULATOR and FC_INTERNAL follow the same rule', async (t) => {
  t.equal(loadConfig({ EMULATOR: 'off' }).fc.useEmulator, false);
  t.equal(loadConfig({ EMULATOR: '1' }).fc.useEmulator, true);
  t.throws(() => loadConfig({ EMULATOR: 'no' }), { code: 'SSR_ERR_CONFIG', message: /^EMULATOR must be one of true, false, 1, 0, on, off/ });
  const sdk = { FC_TRANSPORT: 'sdk', FC_ACCOUNT_ID: '1234567890', FC_REGION: 'cn-hangzhou', FC_FUNCTION_NAME: 'ssr' };
  t.equal(loadConfig({ ...sdk, FC_INTERNAL: 'off' }).fc.sdk?.endpoint, '1234567890.cn-hangzhou.fc.aliyuncs.com');
  t.throws(() => loadConfig({ ...sdk, FC_INTERNAL: 'yes' }), { code: 'SSR_ERR_CONFIG', message: /^FC_INTERNAL must be one of/ });
});
