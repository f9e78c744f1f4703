/**
 * An open-loop load generator: requests are *scheduled* at a fixed arrival rate, whether or not earlier
 * ones have been answered, and each one's latency is measured from the moment it was due — not from when
 * a free connection let it go out. A closed loop (autocannon: N connections, each waiting for its answer)
 * slows down when the server does and so hides exactly the stalls a soak is looking for ("coordinated
 * omission", https://www.scylladb.com/2021/04/22/on-coordinated-omission/). autocannon's `overallRate`
 * only caps a closed loop, it does not send while every connection is busy.
 *
 * `node:http` with a keep-alive Agent per target (no dependency). The target can be switched while the
 * load runs (a rolling update: the load balancer moves traffic to the new pod).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const TICK_MS = 2;

/**
 * @typedef {object} LoadRecord
 * @property {number} due      ms since the load started when the request was due (its arrival time)
 * @property {number} end      ms since the load started when it ended (answer fully read, or error)
 * @property {number} latency  end − due (ms)
 * @property {number} status   HTTP status, 0 on a connection error or timeout
 * @property {string} by       x-render-by of the answer (fc | local | cache | …), '' when none
 * @property {string} error    '' or the error code (ECONNRESET, ECONNREFUSED, TIMEOUT, …)
 * @property {string} target   name of the target it was sent to
 * @property {string} phase    the phase label current when it was due
 */

/**
 * A target the load can be pointed at: `{ name, url }` (`http://127.0.0.1:<port>`).
 * @param {{ name: string, url: string }} target
 * @param {number} connections most sockets open at once to this target
 */
function connect(target, connections) {
  const { hostname, port } = new URL(target.url);
  return { ...target, hostname, port: Number(port), agent: new http.Agent({ keepAlive: true, maxSockets: connections }) };
}

/**
 * Start sending `rate` requests per second to `target`.
 * @param {object} options
 * @param {number} options.rate              arrivals per second
 * @param {{ name: string, url: string }} options.target
 * @param {(n: number) => string} options.path  path (and query) of the n-th request
 * @param {number} [options.connections]     socket cap per target (requests beyond it wait in the client; their latency counts from when they were due)
 * @param {number} [options.timeoutMs]       a request not answered by then is destroyed and counts as error TIMEOUT
 * @param {string} [options.phase]           initial phase label
 */
export function startOpenLoop({ rate, target, path, connections = 256, timeoutMs = 10_000, phase = '' }) {
  if (!(rate > 0)) throw new Error(`open-loop rate must be > 0, got ${rate}`);
  const origin = performance.now();
  const records = [];
  const targets = new Map();
  let current = connect(target, connections);
  targets.set(current.name, current);
  let label = phase;
  let sent = 0;
  let inFlight = 0;
  let stopped = false;
  let drained;
  const idle = new Promise((resolve) => { drained = resolve; });

  function fire(n, due) {
    const to = current;
    const phaseLabel = label;
    inFlight += 1;
    let settled = false;
    let by = '';
    let status = 0;
    const finish = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const end = performance.now() - origin;
      records.push({ due, end, latency: end - due, status, by, error, target: to.name, phase: phaseLabel });
      inFlight -= 1;
      if (stopped && inFlight === 0) drained();
    };
    const request = http.request({
      hostname: to.hostname, port: to.port, path: path(n), agent: to.agent,
      headers: { 'user-agent': 'ssr-offload-soak', accept: 'text/html' },
    }, (response) => {
      status = response.statusCode ?? 0;
      by = String(response.headers['x-render-by'] ?? '');
      response.on('error', (error) => { status = 0; finish(error.code ?? 'EBODY'); });
      response.on('end', () => finish(''));
      response.on('aborted', () => { status = 0; finish('EABORTED'); });
      response.resume();
    });
    const timer = setTimeout(() => {
      status = 0;
      finish('TIMEOUT');
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => { status = 0; finish(error.code ?? error.message); });
    request.end();
  }

  // Catch up on every arrival that fell due since the last tick: a stalled event loop sends a burst, and
  // the burst's latencies still count from when each request was due.
  const ticker = setInterval(() => {
    const elapsed = performance.now() - origin;
    const due = Math.floor((elapsed * rate) / 1000);
    while (sent < due) {
      fire(sent, (sent * 1000) / rate);
      sent += 1;
    }
  }, TICK_MS);

  return {
    records,
    rate,
    /** ms since the load started (the time base of every record). */
    now: () => performance.now() - origin,
    /** Label requests due from now on. */
    setPhase(name) { label = name; },
    get phase() { return label; },
    get inFlight() { return inFlight; },
    get sent() { return sent; },
    /** Send every request due from now on to `next` (a load balancer moving traffic). */
    switchTo(next) {
      if (!targets.has(next.name)) targets.set(next.name, connect(next, connections));
      current = targets.get(next.name);
    },
    /** Stop scheduling; resolves when every request sent has ended (answer, error or timeout). */
    async stop() {
      stopped = true;
      clearInterval(ticker);
      if (inFlight === 0) drained();
      await idle;
      for (const t of targets.values()) t.agent.destroy();
      return records;
    },
  };
}

/** A failed request: no answer (connection error, reset, timeout) or a 5xx. */
export const isFailed = (record) => record.status === 0 || record.status >= 500;
