// A probe slower than timeoutMs is aborted (its signal fires with a TimeoutError) and counts as a failure
// with reason FC_TIMEOUT; the next probe follows an interval later.
import t from 'tap';
import { createHealthCheck } from '../../server/sites/health-check.js';
import { createFakeTimers } from '../helpers/fake-timers.js';
import { createScriptedProbe } from '../helpers/scripted-probe.js';

const config = { path: '/healthz', intervalMs: 1000, timeoutMs: 300, unhealthyThreshold: 2, healthyThreshold: 1, jitter: 0 };

t.test('two hanging probes: each aborted at 300 ms, unhealthy after the second', async (t) => {
  const clock = createFakeTimers();
  const probe = createScriptedProbe(['hang', 'hang', 'pass']);
  const changes: [boolean, unknown][] = [];
  const check = createHealthCheck({ probe: probe.probe, config, clock, random: () => 0.5, onChange: (healthy, detail) => changes.push([healthy, detail]) });
  t.teardown(() => check.stop());
  check.start();
  await clock.advance(0);
  t.equal(probe.calls[0]!.signal.aborted, false);
  await clock.advance(299);
  t.equal(check.state().probes, 0, 'not failed before its timeout');
  t.equal(check.state().probing, true);
  await clock.advance(1);
  t.equal(probe.calls[0]!.signal.aborted, true, 'aborted at the timeout');
  t.equal((probe.calls[0]!.signal.reason as Error).name, 'TimeoutError');
  t.match(check.state(), { probes: 1, failures: 1, probing: false, lastFailure: { reason: 'FC_TIMEOUT' } });
  await clock.advance(1000); // the next probe: 1000 ms after the first ended
  t.equal(probe.calls.length, 2);
  await clock.advance(300);
  t.notOk(check.healthy());
  t.same(changes, [[false, { reason: 'FC_TIMEOUT', failures: 2, passes: 0 }]]);
  await clock.advance(1000);
  t.ok(check.healthy(), 'one pass (healthyThreshold 1) and it is back');
});
