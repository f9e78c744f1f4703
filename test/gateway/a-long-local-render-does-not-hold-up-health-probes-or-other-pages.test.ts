// Local renders run on render threads (LOCAL_RENDER_THREADS, default 1): while a page takes seconds of CPU
// to render, the gateway still answers /healthz, and with two threads another page renders beside it.
// LOCAL_RENDER_THREADS=0 renders on the event loop (thread 0), as before render threads.
// Order of answers, not timings: nothing here measures how fast anything is.
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadConfig } from '../../server/config.js';
import { buildGateway } from '../../server/gateway.js';

const app = fileURLToPath(new URL('../fixtures/thread-probe-app.mjs', import.meta.url));
/** Long enough that a loaded CI machine still answers a probe inside it. */
const SPIN_MS = 2500;

/** A gateway on the fixture app; `arrived(prefix)` resolves when a request for that path reaches it. */
async function gateway(t: Tap.Test, threads: string) {
  const host = buildGateway(loadConfig({
    ROLE: 'gateway', OFFLOAD: 'local-only', EMULATOR: 'off', LOG_LEVEL: 'silent', ADMIN_PORT: 'off', CACHE_MB: '0',
    SSR_APP: app, LOCAL_RENDER_THREADS: threads,
    // No warm-up: its renders would still be in the threads' hands when the test picks a thread.
    WARMUP_TIMEOUT_MS: '0',
  }), { defaultMetrics: false });
  t.teardown(() => host.close());
  const waiting = new Map<string, () => void>();
  host.addHook('onRequest', (request, _reply, done) => {
    for (const [prefix, resolve] of waiting) if (request.url.startsWith(prefix)) resolve();
    done();
  });
  const url = await host.listen({ port: 0, host: '127.0.0.1' });
  await host.ready();
  const arrived = (prefix: string) => new Promise<void>((resolve) => waiting.set(prefix, resolve))
    // The page's render is handed to its thread in the same turn of the event loop as its hooks.
    .then(() => new Promise((resolve) => setImmediate(resolve)));
  return { url, arrived };
}

/** Resolves with the label once the answer is fully read; `order` records who finished first. */
function get(url: string, label: string, order: string[]) {
  return fetch(url).then(async (response) => {
    const body = await response.text();
    order.push(label);
    return { status: response.status, body };
  });
}

t.test('one render thread: /healthz is answered while a page renders', async (t) => {
  const { url, arrived } = await gateway(t, '1');
  const where = await (await fetch(`${url}/where`)).text();
  t.match(where, /thread [1-9]\d*/, 'the page was rendered on a worker thread, not the event loop (thread 0)');
  const order: string[] = [];
  const rendering = arrived('/spin/');
  const heavy = get(`${url}/spin/${SPIN_MS}`, 'page', order);
  // The probe is sent once the page is rendering: it must still come back first.
  await rendering;
  const probe = await get(`${url}/healthz`, 'healthz', order);
  t.equal(probe.status, 200);
  t.same(order, ['healthz'], 'the probe was answered while the page was still rendering');
  t.match((await heavy).body, /spun on thread/);
});

t.test('two render threads: another page renders beside a long one', async (t) => {
  const { url, arrived } = await gateway(t, '2');
  const order: string[] = [];
  const rendering = arrived('/spin/');
  const heavy = get(`${url}/spin/${SPIN_MS}`, 'long page', order);
  // The second page goes to the thread with fewer renders in hand: the idle one.
  await rendering;
  const other = await get(`${url}/where`, 'short page', order);
  t.same(order, ['short page'], 'the short page did not wait for the long one');
  const long = await heavy;
  t.not(/thread (\d+)/.exec(other.body)?.[1], /thread (\d+)/.exec(long.body)?.[1], 'on another thread');
});

t.test('LOCAL_RENDER_THREADS=0: pages render on the event loop', async (t) => {
  const { url } = await gateway(t, '0');
  t.match(await (await fetch(`${url}/where`)).text(), /thread 0/, 'thread 0 is the event loop');
});
