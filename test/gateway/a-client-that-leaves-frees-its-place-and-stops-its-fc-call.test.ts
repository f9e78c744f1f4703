/**
 * A client that closes its connection before its page is ready stops the work done for it: a page waiting
 * for a local render slot leaves the queue (the slot goes to the next page, the page is never rendered),
 * and an FC call in flight is aborted (FC sees the connection close). The signal is one per connection
 * (server/client-gone.ts), so the last case checks that a keep-alive connection that served many pages,
 * hedged ones included, ends with no listener left on it.
 */
import { getEventListeners } from 'node:events';
import type { Socket } from 'node:net';
import t from 'tap';
import { Agent, fetch as fetchWith } from 'undici';
import { clientGoneSignal } from '../../server/client-gone.js';
import { metricsText, startBusyLocalGateway } from '../helpers/gated-render.js';
import { startGateway } from '../helpers/gateway.js';
import { heldSleep } from '../helpers/held-sleep.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

t.test('a page waiting for a render slot leaves the queue when its client leaves', async (t) => {
  const { gateway, gated, held } = await startBusyLocalGateway(t, { queueMax: 1, queueTimeoutMs: 60_000 });
  const leaving = new AbortController();
  const gone = fetch(`${gateway.url}/products/1002`, { signal: leaving.signal });
  while (!/ssr_local_queue_length 1\n/.test(await metricsText(gateway.adminUrl)));
  leaving.abort();
  await t.rejects(gone, 'the client left');
  while (!/ssr_local_queue_length 0\n/.test(await metricsText(gateway.adminUrl)));
  // The queue has room again: the next page waits instead of being shed.
  const next = fetch(`${gateway.url}/products/1003`);
  while (!/ssr_local_queue_length 1\n/.test(await metricsText(gateway.adminUrl)));
  gated.release();
  t.equal((await held).status, 200);
  t.equal((await next).status, 200);
  t.equal(gated.calls(), 2, 'the page whose client left was never rendered');
  t.notMatch(await metricsText(gateway.adminUrl), /ssr_local_shed_total\{reason="queue_full"\} [1-9]/, 'nothing was shed');
});

t.test('an FC call in flight is aborted when its client leaves', async (t) => {
  const fcSlow = heldSleep();
  const gateway = await startGateway(t, {
    emulator: { sleep: fcSlow.sleep, faults: { latencyMs: 1 } },
    // No hedge, and a deadline far away: only the client leaving can end this call.
    env: { OFFLOAD: 'fc-first', HEDGE_MS: '0', FC_TIMEOUT_MS: '30000' },
  });
  const leaving = new AbortController();
  const gone = fetch(`${gateway.url}/products/1001`, { signal: leaving.signal });
  await fcSlow.started;
  t.equal(gateway.fc!.stats().inFlight, 1, 'the call is on FC');
  leaving.abort();
  await t.rejects(gone, 'the client left');
  while (gateway.fc!.stats().inFlight > 0) await nextTurn();
  t.pass('FC saw the call closed while its answer was still held');
  fcSlow.release();
});

t.test('a keep-alive connection that served many pages keeps no abort listener', async (t) => {
  const sockets: Socket[] = [];
  const gateway = await startGateway(t, {
    // FC answers after 30 ms and every page is hedged after 1 ms: local renders win, FC calls finish later.
    emulator: { faults: { latencyMs: 30 } },
    env: { OFFLOAD: 'fc-first', HEDGE_MS: '1', FC_TIMEOUT_MS: '2000' },
    beforeListen: (app) => { app.server.on('connection', (socket: Socket) => sockets.push(socket)); },
  });
  const oneConnection = new Agent({ connections: 1 });
  t.teardown(() => oneConnection.close());
  const renderedBy = new Set<string | null>();
  for (let i = 0; i < 20; i += 1) {
    const response = await fetchWith(`${gateway.url}/products/${1001 + (i % 5)}`, { dispatcher: oneConnection });
    await response.text();
    t.equal(response.status, 200);
    renderedBy.add(response.headers.get('x-render-by'));
  }
  t.ok(renderedBy.has('local'), 'hedges were rendered locally');
  t.equal(sockets.length, 1, 'all pages came on one connection');
  while (gateway.fc!.stats().inFlight > 0) await nextTurn();
  // A hedge that lost to FC is still rendering on its render thread (a render cannot be stopped) and holds its
  // listener until it ends: wait for the local renders too.
  const localInflight = async () => Number(/^ssr_local_inflight (\d+)/m.exec(await (await fetch(`${gateway.adminUrl}/metrics`)).text())?.[1]);
  while ((await localInflight()) > 0) await nextTurn();
  const signal = clientGoneSignal(sockets[0]!);
  t.notOk(signal.aborted, 'the connection is still open');
  t.same(getEventListeners(signal, 'abort'), [], 'no listener is left on the connection\'s signal');
});
