// EMU_RESET_RATE=1: the socket is destroyed with no answer; the client sees a connection error.
import { request } from 'node:http';
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

const fc = await startEmulator({ faults: { resetRate: 1 } });
t.teardown(() => fc.close());
t.test('the client sees the connection drop', async (t) => {
  const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
    const req = request(`${fc.url}/products/1001`, () => reject(new Error('got a response')));
    req.once('error', resolve);
    req.end();
  });
  t.match(error.code, /^(ECONNRESET|EPIPE)$/);
  t.equal(fc.stats().outcomes.reset, 1);
});
