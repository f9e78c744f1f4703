// The HTTP-trigger probe against the real function bundle behind the emulator: the function's health answer
// passes; every way FC fails — 5xx, 429, a function error, a reset, a garbage body, a hang (aborted by the
// checker's signal) — fails with the reason a page call would get. The function never answers the probe with
// a page: the bundle's app would answer /healthz with its HTML 404 page.
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';
import { classifyFailure } from '../../server/offload/classify-failure.js';
import { createTargetProbe } from '../../server/sites/target-probe.js';

const fc = await startEmulator();
t.teardown(() => fc.close());
const check = { path: '/healthz', intervalMs: 10_000, timeoutMs: 10_000, unhealthyThreshold: 3, healthyThreshold: 2, jitter: 0.1 };
// A base path on the target URL is kept (an FC_URL may carry one); the emulator's trigger serves any path.
const probe = createTargetProbe({ name: 'fc-region-a', transport: 'http', url: fc.url, timeoutMs: 3000 }, check);
t.teardown(() => probe.close());
const signal = () => new AbortController().signal;

async function reasonOf(run: Promise<void>): Promise<string> {
  try {
    await run;
  } catch (error) {
    return classifyFailure(error);
  }
  return 'passed';
}

t.test('the health answer passes, and it is not a page', async (t) => {
  await probe(signal());
  const direct = await fetch(`${fc.url}/healthz`);
  t.match(direct.headers.get('content-type'), /^application\/json/);
  t.same(await direct.json(), { status: 'ok' });
  t.equal(fc.stats().calls.http, 2);
});

t.test('each FC fault fails the probe', async (t) => {
  const cases = [
    [{ errorRate: 1 }, 'FC_5XX'],
    [{ throttleRate: 1 }, 'FC_THROTTLED'],
    [{ functionErrorRate: 1 }, 'FC_FUNCTION_ERROR'],
    [{ resetRate: 1 }, 'FC_RESET'],
    [{ garbageRate: 1 }, 'FC_MALFORMED'],
  ] as const;
  for (const [faults, reason] of cases) {
    fc.setFaults({ errorRate: 0, throttleRate: 0, functionErrorRate: 0, resetRate: 0, garbageRate: 0, ...faults });
    t.equal(await reasonOf(probe(signal())), reason, `${JSON.stringify(faults)} → ${reason}`);
  }
  fc.setFaults({ garbageRate: 0 });
  t.equal(await reasonOf(probe(signal())), 'passed', 'and it passes again once FC is well');
});

t.test('a hang ends when the checker aborts the probe', async (t) => {
  fc.setFaults({ hangRate: 1 });
  t.teardown(() => fc.setFaults({ hangRate: 0 }));
  const controller = new AbortController();
  const hung = new Promise<void>((resolve) => {
    const poll = () => (fc.stats().outcomes.hang > 0 ? resolve() : setImmediate(poll));
    poll();
  });
  const run = reasonOf(probe(controller.signal));
  await hung;
  controller.abort(new DOMException('health probe took longer than 2000 ms', 'TimeoutError'));
  t.equal(await run, 'FC_TIMEOUT');
  fc.setFaults({ hangRate: 0 });
  t.equal(await reasonOf(probe(signal())), 'passed', 'the pool recovers after the aborted socket');
});

t.test('a path the function does not answer as health fails (the app 404 page is not a 2xx)', async (t) => {
  const other = createTargetProbe({ name: 'fc-region-a', transport: 'http', url: fc.url, timeoutMs: 3000 }, { ...check, path: '/no/such/health' });
  t.teardown(() => other.close());
  t.equal(await reasonOf(other(signal())), 'FC_REJECTED');
});
