// A probe that ignores its abort and never settles is failed at its timeout, and when the next probe is due
// while it still runs, that probe fails too without a second one being started beside it.
import t from 'tap';
import { createHealthCheck } from '../../server/sites/health-check.js';
import { createFakeTimers } from '../helpers/fake-timers.js';
import { createScriptedProbe } from '../helpers/scripted-probe.js';

const config = { path: '/healthz', intervalMs: 1000, timeoutMs: 200, unhealthyThreshold: 3, healthyThreshold: 1, jitter: 0 };

t.test('a stuck probe', async (t) => {
  const clock = createFakeTimers();
  const probe = createScriptedProbe(['stuck']);
  const check = createHealthCheck({ probe: probe.probe, config, clock, random: () => 0.5 });
  t.teardown(() => check.stop());
  check.start();
  await clock.advance(0);
  await clock.advance(200);
  t.match(check.state(), { failures: 1, probing: true }, 'failed at its timeout, still running');
  await clock.advance(1000);
  await clock.advance(1000);
  t.equal(probe.calls.length, 1, 'never a second probe beside the stuck one');
  t.match(check.state(), { failures: 3, healthy: false, lastFailure: { message: /still running/ } });
});
