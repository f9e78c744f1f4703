// unhealthyThreshold failed probes IN A ROW mark a target unhealthy (Envoy's unhealthy_threshold): a pass
// in between starts the count again, and the change is reported once, with the failure's reason.
import t from 'tap';
import { createHealthCheck } from '../../server/sites/health-check.js';
import { createFakeTimers } from '../helpers/fake-timers.js';
import { createScriptedProbe } from '../helpers/scripted-probe.js';

const config = { path: '/healthz', intervalMs: 1000, timeoutMs: 200, unhealthyThreshold: 3, healthyThreshold: 2, jitter: 0 };

t.test('two failures, a pass, then three failures: unhealthy only at the third in a row', async (t) => {
  const clock = createFakeTimers();
  const probe = createScriptedProbe(['fail', 'fail', 'pass', 'fail', 'fail', 'fail']);
  const changes: [boolean, unknown][] = [];
  const check = createHealthCheck({ probe: probe.probe, config, clock, random: () => 0.5, onChange: (healthy, detail) => changes.push([healthy, detail]) });
  t.teardown(() => check.stop());
  check.start();
  await clock.advance(0); // the first probe runs at once (no jitter)
  await clock.advance(1000);
  t.equal(check.state().failures, 2);
  await clock.advance(1000); // pass: the streak is broken
  t.equal(check.state().failures, 0);
  t.ok(check.healthy());
  await clock.advance(1000);
  await clock.advance(1000);
  t.ok(check.healthy(), 'two failures in a row are not enough');
  await clock.advance(1000);
  t.notOk(check.healthy(), 'the third failure in a row marks it unhealthy');
  t.equal(probe.calls.length, 6);
  t.same(changes, [[false, { reason: 'FC_5XX', failures: 3, passes: 0 }]], 'reported once, with the FailureReason of the probe');
  t.match(check.state(), { healthy: false, lastResult: 'fail', lastFailure: { reason: 'FC_5XX', message: 'status 503' }, changedAt: 5000 });
  await clock.advance(1000);
  t.equal(changes.length, 1, 'more failures report nothing new');
});
