// The local render queue: LOCAL_MAX_INFLIGHT run, LOCAL_QUEUE_MAX wait in order, a waiter leaves after
// LOCAL_QUEUE_TIMEOUT_MS or when its signal aborts; past a bound the render is shed with LocalQueueFullError.
import t from 'tap';
import { LocalQueueFullError } from '../../server/errors.js';
import { createLocalQueue } from '../../server/offload/local-queue.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { open, opened };
}

t.test('full queue: shed at once with queue_full; waiters run in order when slots free up', async (t) => {
  const sheds: string[] = [];
  const queue = createLocalQueue({ maxRunning: 1, queueMax: 2, timeoutMs: 60_000, onShed: (why) => sheds.push(why) });
  const first = gate();
  const order: number[] = [];
  const running = queue.run(async () => { await first.opened; order.push(1); return 1; });
  const second = queue.run(async () => { order.push(2); return 2; });
  const third = queue.run(async () => { order.push(3); return 3; });
  t.equal(queue.running(), 1);
  t.equal(queue.queued(), 2);
  await t.rejects(queue.run(async () => 4), LocalQueueFullError);
  t.same(sheds, ['queue_full']);
  first.open();
  t.same(await Promise.all([running, second, third]), [1, 2, 3]);
  t.same(order, [1, 2, 3]);
  t.equal(queue.running(), 0);
});

t.test('a waiter past LOCAL_QUEUE_TIMEOUT_MS is shed with queue_timeout and never runs', async (t) => {
  const queue = createLocalQueue({ maxRunning: 1, queueMax: 5, timeoutMs: 20 });
  const first = gate();
  const running = queue.run(() => first.opened);
  let ran = false;
  await t.rejects(queue.run(async () => { ran = true; }), { code: 'SSR_ERR_LOCAL_SHED', why: 'queue_timeout', reason: 'LOCAL_SHED' });
  t.equal(queue.queued(), 0);
  first.open();
  await running;
  t.notOk(ran);
});

t.test('an aborted waiter leaves the queue without running', async (t) => {
  const queue = createLocalQueue({ maxRunning: 1, queueMax: 5, timeoutMs: 60_000 });
  const first = gate();
  const running = queue.run(() => first.opened);
  const controller = new AbortController();
  let ran = false;
  const waiting = queue.run(async () => { ran = true; }, controller.signal);
  controller.abort();
  await t.rejects(waiting);
  t.equal(queue.queued(), 0);
  first.open();
  await running;
  t.notOk(ran);
});
