// A fractional rate with the same seed gives the same sequence of failures, so runs are reproducible;
// and it is a real mix, not all-or-nothing.
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

async function statuses(seed: number): Promise<number[]> {
  const fc = await startEmulator({ faults: { errorRate: 0.5, errorStatus: 503, seed } });
  try {
    const seen: number[] = [];
    for (let i = 0; i < 16; i += 1) {
      const response = await fetch(`${fc.url}/2023-03-30/functions/ssr-render/invocations`, { method: 'POST', body: '{"url":"/about-none","headers":{}}' });
      await response.arrayBuffer();
      seen.push(response.status);
    }
    return seen;
  } finally {
    await fc.close();
  }
}

t.test('the same seed gives the same failures', async (t) => {
  const first = await statuses(7);
  t.same(await statuses(7), first, 'same seed, same sequence');
  t.ok(first.includes(503) && first.includes(200), `a mix of 200 and 503: ${first.join(' ')}`);
});
