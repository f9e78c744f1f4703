// EMU_SLOW_BODY_RATE / EMU_SLOW_BODY_MS: a share of answers send their status and headers at once, then
// the body in ten pieces spread over slowBodyMs — the call a client's deadline must still cover after the
// headers arrived (a deadline that only guards the headers, or one lost to a GC, leaves such a socket open
// for as long as the trickle lasts). Paced through the injected sleep: the test holds the first piece back
// and sees the headers arrive first, then the whole page.
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

const waits: number[] = [];
let release!: () => void;
const held = new Promise<void>((resolve) => { release = resolve; });
let firstWait!: () => void;
const waiting = new Promise<void>((resolve) => { firstWait = resolve; });
const fc = await startEmulator({
  faults: { slowBodyRate: 1, slowBodyMs: 1000 },
  sleep: async (ms) => {
    waits.push(ms);
    if (waits.length === 1) { firstWait(); await held; }
  },
});
t.teardown(() => fc.close());

for (const [kind, request] of [
  ['HTTP trigger', () => fetch(`${fc.url}/products/1001`)],
  ['InvokeFunction', () => fetch(`${fc.url}/2023-03-30/functions/ssr-render/invocations`, { method: 'POST', body: '{"url":"/products/1001","headers":{}}' })],
] as const) {
  t.test(`${kind}: headers first, then the body over slowBodyMs`, async (t) => {
    const normal = await startEmulator();
    t.teardown(() => normal.close());
    const url = kind === 'HTTP trigger' ? `${normal.url}/products/1001` : `${normal.url}/2023-03-30/functions/ssr-render/invocations`;
    const expected = await (kind === 'HTTP trigger' ? fetch(url) : fetch(url, { method: 'POST', body: '{"url":"/products/1001","headers":{}}' })).then((r) => r.text());

    const response = await request();
    t.equal(response.status, 200, 'status and headers arrived');
    if (waits.length === 1) {
      await waiting;
      t.equal(waits.length, 1, 'while the first piece of the body is still held back');
      release();
    }
    const body = await response.text();
    t.same(waits.splice(0), Array(10).fill(100), 'ten pieces, 100 ms apart');
    // Request ids differ between calls; everything else is the same page.
    const scrub = (text: string) => text.replace(/1-[0-9a-f]+-[0-9a-f-]+/g, 'ID');
    t.equal(scrub(body), scrub(expected), 'the whole answer arrives, unchanged');
  });
}

t.test('the knobs are validated like every other', async (t) => {
  t.throws(() => fc.setFaults({ slowBodyRate: 2 }), { code: 'SSR_ERR_CONFIG' });
  t.match(fc.setFaults({ slowBodyRate: 0 }), { slowBodyRate: 0, slowBodyMs: 1000 });
});
