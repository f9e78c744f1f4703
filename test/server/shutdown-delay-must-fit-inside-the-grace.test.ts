// SHUTDOWN_DELAY_MS (default 0) keeps serving after SIGTERM; SHUTDOWN_GRACE_MS bounds the whole
// shutdown, so a delay that does not fit inside it is refused naming SHUTDOWN_DELAY_MS.
import t from 'tap';
import { loadConfig } from '../../server/config.js';

t.test('SHUTDOWN_DELAY_MS', async (t) => {
  t.equal(loadConfig({}).shutdownDelayMs, 0, 'off by default (npm start stops at once)');
  t.equal(loadConfig({ SHUTDOWN_DELAY_MS: '5000', SHUTDOWN_GRACE_MS: '25000' }).shutdownDelayMs, 5000);
  for (const env of [{ SHUTDOWN_DELAY_MS: '10000' }, { SHUTDOWN_DELAY_MS: '30000', SHUTDOWN_GRACE_MS: '25000' }, { SHUTDOWN_DELAY_MS: '-1' }, { SHUTDOWN_DELAY_MS: '5s' }]) {
    t.throws(() => loadConfig(env), { code: 'SSR_ERR_CONFIG', message: /\bSHUTDOWN_DELAY_MS\b/ }, JSON.stringify(env));
  }
});
