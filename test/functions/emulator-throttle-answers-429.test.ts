// EMU_THROTTLE_RATE=1: FC's throttling answer, 429 with Code ResourceThrottled.
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

const fc = await startEmulator({ faults: { throttleRate: 1 } });
t.teardown(() => fc.close());
t.test('both endpoints answer 429', async (t) => {
  for (const request of [fetch(`${fc.url}/products/1001`), fetch(`${fc.url}/2023-03-30/functions/ssr-render/invocations`, { method: 'POST', body: '{}' })]) {
    const response = await request;
    t.equal(response.status, 429);
    t.match(await response.json(), { Code: 'ResourceThrottled' });
  }
});
