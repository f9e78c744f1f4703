// The soak's load is open-loop (bench/lib/open-loop.mjs): requests go out when they are due, not when an
// earlier one has been answered, and each latency counts from when the request was due — so a stalled
// server shows up as latency instead of silently slowing the load down (coordinated omission).
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';

const { startOpenLoop } = await import('../../bench/lib/open-loop.mjs');

t.test('ten requests are in flight at once while the server holds every answer', async (t) => {
  const held: ServerResponse[] = [];
  let tenHeld!: () => void;
  const ten = new Promise<void>((resolve) => { tenHeld = resolve; });
  const server = createServer((_request, response) => {
    held.push(response);
    if (held.length === 10) tenHeld();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => { server.closeAllConnections(); server.close(); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const load = startOpenLoop({ rate: 200, target: { name: 'held', url }, path: (n: number) => `/page?n=${n}`, connections: 64 });
  await ten;
  t.equal(load.records.length, 0, 'no answer yet, and the load kept sending');
  load.setPhase('released');
  for (const response of held.splice(0)) response.end('ok');
  // Answer everything sent from now on, until the load stops.
  server.removeAllListeners('request');
  server.on('request', (_request, response: ServerResponse) => response.end('ok'));
  const records = await load.stop();
  t.ok(records.length >= 10, 'every request ended');
  t.ok(records.every((r: { status: number }) => r.status === 200), 'all answered 200');
  const byDue = [...records].sort((a: { due: number }, b: { due: number }) => a.due - b.due);
  const first = byDue[0]!;
  t.ok(first.latency >= byDue[9]!.due - first.due, 'the first latency counts from when it was due, including the time it was held');
  t.equal(first.phase, '', 'requests carry the phase that was current when they were due');
});
