// An overloaded pod sheds pages, it does not stop answering its probes: with far more concurrent pages than
// the local queue holds, /healthz still answers 200 and every page is either rendered or shed with 503.
import t from 'tap';
import { startBusyLocalGateway } from '../helpers/gated-render.js';

t.test('/healthz answers while pages are shed', async (t) => {
  const { gateway, gated, held } = await startBusyLocalGateway(t, { queueMax: 2, queueTimeoutMs: 60_000 });
  const burst = Array.from({ length: 30 }, (_, i) => fetch(`${gateway.url}/products/${1002 + (i % 7)}`).then(async (r) => { await r.text(); return r.status; }));
  // Pages beyond the queue are answered while the held render still occupies the only slot.
  const firstAnswered = await Promise.race(burst);
  t.equal(firstAnswered, 503, 'shed while the slot is busy');
  const health = await fetch(`${gateway.url}/healthz`);
  t.equal(health.status, 200, '/healthz answers during the shedding');
  gated.release();
  const statuses = await Promise.all(burst);
  t.equal((await held).status, 200);
  t.equal(statuses.filter((s) => s === 200).length, 2, 'the two queued pages rendered');
  t.equal(statuses.filter((s) => s === 503).length, 28, 'every other page was shed');
});
