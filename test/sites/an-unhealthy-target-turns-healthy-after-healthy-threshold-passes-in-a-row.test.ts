// An unhealthy target takes pages again only after healthyThreshold passed probes IN A ROW (Envoy's
// healthy_threshold): a failure in between starts the count again.
import t from 'tap';
import { createHealthCheck } from '../../server/sites/health-check.js';
import { createFakeTimers } from '../helpers/fake-timers.js';
import { createScriptedProbe } from '../helpers/scripted-probe.js';

const config = { path: '/healthz', intervalMs: 1000, timeoutMs: 200, unhealthyThreshold: 2, healthyThreshold: 3, jitter: 0 };

t.test('unhealthy, then pass, pass, fail, pass, pass, pass: healthy only at the third pass in a row', async (t) => {
  const clock = createFakeTimers();
  const probe = createScriptedProbe(['fail', 'fail', 'pass', 'pass', 'fail', 'pass', 'pass', 'pass']);
  const changes: [boolean, unknown][] = [];
  const check = createHealthCheck({ probe: probe.probe, config, clock, random: () => 0.5, onChange: (healthy, detail) => changes.push([healthy, detail]) });
  t.teardown(() => check.stop());
  check.start();
  await clock.advance(0);
  await clock.advance(1000);
  t.notOk(check.healthy(), 'unhealthy after two failures');
  for (let i = 0; i < 5; i += 1) {
    await clock.advance(1000);
    t.notOk(check.healthy(), `still unhealthy after probe ${i + 3}`);
  }
  await clock.advance(1000);
  t.ok(check.healthy(), 'healthy at the third pass in a row');
  t.same(changes, [
    [false, { reason: 'FC_5XX', failures: 2, passes: 0 }],
    [true, { reason: 'PASSING', failures: 0, passes: 3 }],
  ]);
});
