// stop() (a target removed by a reload, shutdown) cancels the pending wait and aborts the probe in flight;
// the aborted probe's late result changes nothing, and no timer is left to keep anything alive.
import t from 'tap';
import { createHealthCheck } from '../../server/sites/health-check.js';
import { createFakeTimers } from '../helpers/fake-timers.js';
import { createScriptedProbe } from '../helpers/scripted-probe.js';

const config = { path: '/healthz', intervalMs: 1000, timeoutMs: 500, unhealthyThreshold: 1, healthyThreshold: 1, jitter: 0 };

t.test('stop during a probe', async (t) => {
  const clock = createFakeTimers();
  const probe = createScriptedProbe(['hang']);
  const changes: boolean[] = [];
  const check = createHealthCheck({ probe: probe.probe, config, clock, random: () => 0.5, onChange: (healthy) => changes.push(healthy) });
  check.start();
  await clock.advance(0);
  t.equal(probe.calls.length, 1);
  check.stop();
  t.equal(probe.calls[0]!.signal.aborted, true, 'the probe in flight is aborted');
  t.equal((probe.calls[0]!.signal.reason as Error).name, 'AbortError');
  t.equal(clock.pending(), 0, 'no timer left');
  await clock.advance(10_000);
  t.equal(probe.calls.length, 1, 'no probe after stop');
  t.ok(check.healthy(), 'the aborted probe did not count as a failure');
  t.same(changes, []);
  t.match(check.state(), { running: false, probes: 0 });
});

t.test('stop while waiting, then start again', async (t) => {
  const clock = createFakeTimers();
  const probe = createScriptedProbe(['pass']);
  const check = createHealthCheck({ probe: probe.probe, config, clock, random: () => 0.5 });
  t.teardown(() => check.stop());
  check.start();
  await clock.advance(0);
  t.equal(probe.calls.length, 1);
  check.stop();
  t.equal(clock.pending(), 0, 'the wait is cancelled');
  await clock.advance(5000);
  t.equal(probe.calls.length, 1);
  check.start();
  await clock.advance(0);
  t.equal(probe.calls.length, 2, 'a stopped checker starts again');
});
