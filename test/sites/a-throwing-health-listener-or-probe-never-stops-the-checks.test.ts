// A bug in the onChange listener, or a probe that throws before returning a promise, never stops the checker:
// the throw is a failed probe (or ignored, for the listener) and the next probe is still scheduled.
import t from 'tap';
import { createHealthCheck } from '../../server/sites/health-check.js';
import { createFakeTimers } from '../helpers/fake-timers.js';

const config = { path: '/healthz', intervalMs: 1000, timeoutMs: 200, unhealthyThreshold: 1, healthyThreshold: 1, jitter: 0 };

t.test('a synchronous throw and a throwing listener', async (t) => {
  const clock = createFakeTimers();
  let calls = 0;
  const probe = (): Promise<void> => {
    calls += 1;
    if (calls === 1) throw new Error('probe exploded before returning');
    return Promise.resolve();
  };
  const seen: boolean[] = [];
  const check = createHealthCheck({
    probe, config, clock, random: () => 0.5,
    onChange: (healthy) => {
      seen.push(healthy);
      throw new Error('listener bug');
    },
  });
  t.teardown(() => check.stop());
  check.start();
  await clock.advance(0);
  t.notOk(check.healthy(), 'the synchronous throw is a failed probe');
  t.match(check.state().lastFailure, { reason: 'FC_ERROR', message: 'probe exploded before returning' });
  await clock.advance(1000);
  t.equal(calls, 2, 'the next probe still ran');
  t.ok(check.healthy());
  t.same(seen, [false, true], 'the listener heard both changes although it threw each time');
});
