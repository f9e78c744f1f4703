// Waits between probes are intervalMs ± jitter·intervalMs (symmetric, so the mean — and the bill of an FC
// target — stays intervalMs), and the first probe waits a random share of jitter·intervalMs (Envoy's
// initial_jitter): pods started together never probe in step.
import t from 'tap';
import { createHealthCheck, nextWait } from '../../server/sites/health-check.js';
import { createFakeTimers } from '../helpers/fake-timers.js';
import { createScriptedProbe } from '../helpers/scripted-probe.js';

const config = { path: '/healthz', intervalMs: 10_000, timeoutMs: 2000, unhealthyThreshold: 3, healthyThreshold: 2, jitter: 0.2 };

t.test('the extremes and the middle of the random source', async (t) => {
  t.equal(nextWait(config, () => 0), 8000);
  t.equal(nextWait(config, () => 0.5), 10_000);
  t.equal(nextWait(config, () => 0.999_999), 12_000);
  t.equal(nextWait({ intervalMs: 10_000, jitter: 0 }, () => 0.9), 10_000, 'no jitter: exactly the interval');
  t.equal(nextWait({ intervalMs: 1, jitter: 1 }, () => 0), 1, 'never below 1 ms');
});

t.test('a running checker arms only waits within the bounds', async (t) => {
  const clock = createFakeTimers();
  let seed = 7;
  // A small LCG: reproducible, spread over [0, 1).
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const probe = createScriptedProbe(['pass']);
  const check = createHealthCheck({ probe: probe.probe, config, clock, random });
  t.teardown(() => check.stop());
  check.start();
  const initial = clock.armed[0]!;
  t.ok(initial >= 0 && initial < 2000, `first probe after ${initial} ms, within [0, 2000)`);
  for (let i = 0; i < 200; i += 1) await clock.advance(12_000);
  // Armed timers alternate: a wait, then the probe's timeout (2000).
  const waits = clock.armed.slice(1).filter((_ms, i) => i % 2 === 1);
  t.ok(waits.length >= 150, `${waits.length} waits armed`);
  t.ok(waits.every((ms) => ms >= 8000 && ms <= 12_000), 'every wait within 10000 ± 2000 ms');
  t.ok(Math.min(...waits) < 8500 && Math.max(...waits) > 11_500, 'and they spread over the range');
  t.ok(clock.armed.slice(1).filter((_ms, i) => i % 2 === 0).every((ms) => ms === 2000), 'probe deadlines are timeoutMs');
});
