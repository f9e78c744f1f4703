// A new target (a new pod, or a target a reload adds) takes pages before any probe has answered: its
// breaker guards the calls meanwhile, and the first probe runs at once, so a dead target is found within
// unhealthyThreshold probes instead of every page waiting on the fallback first.
import t from 'tap';
import { createHealthCheck } from '../../server/sites/health-check.js';
import { createFakeTimers } from '../helpers/fake-timers.js';
import { createScriptedProbe } from '../helpers/scripted-probe.js';

const config = { path: '/healthz', intervalMs: 10_000, timeoutMs: 2000, unhealthyThreshold: 1, healthyThreshold: 2, jitter: 0 };

t.test('healthy at creation, probed at start, unhealthy at the first failure with unhealthyThreshold 1', async (t) => {
  const clock = createFakeTimers();
  const probe = createScriptedProbe(['fail']);
  const check = createHealthCheck({ probe: probe.probe, config, clock, random: () => 0.5 });
  t.teardown(() => check.stop());
  t.ok(check.healthy(), 'healthy before start');
  t.match(check.state(), { running: false, probes: 0, changedAt: undefined });
  check.start();
  t.ok(check.healthy(), 'healthy while the first probe is pending');
  await clock.advance(0);
  t.equal(probe.calls.length, 1, 'the first probe ran without waiting an interval');
  t.notOk(check.healthy());
});
