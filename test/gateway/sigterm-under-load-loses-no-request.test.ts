// SIGTERM to the container entry while keep-alive clients keep sending pages (FC via the emulator, so
// requests are in flight at that moment): readiness answers 503 on a live keep-alive connection,
// every client's next answer carries `connection: close`, the listener keeps accepting during
// SHUTDOWN_DELAY_MS, every request a client sent is answered with a full 200 page (0 lost: no reset,
// no 5xx, no truncated body), and the process exits 0. The clients behave like a load balancer's pool
// behind a readiness probe with failureThreshold 2 (as in k8s/): they keep sending, on new connections
// once told `connection: close`, until the probe has seen two 503s, then only finish what they sent.
import { Agent, request, type IncomingMessage } from 'node:http';
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';
import { startServer } from '../deploy/helpers/start-server.js';

const CLIENTS = 16;
const SIGTERM_AFTER = 150;
/** Readiness answers 503 this many times in a row before the "balancer" stops routing (k8s readinessProbe). */
const FAILURE_THRESHOLD = 2;
/** Safety bound: the loop ends even if the gateway never says `connection: close`. */
const MAX_REQUESTS = 4000;

type Outcome = { kind: 'ok'; closed: boolean; afterSigterm: boolean; reused: boolean } | { kind: 'refused' } | { kind: 'lost'; why: string };

function get(agent: Agent, base: URL, path: string): Promise<{ res: IncomingMessage; body: string; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: base.hostname, port: base.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ res, body, reused: req.reusedSocket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

t.test('SIGTERM under keep-alive load', async (t) => {
  const fc = await startEmulator({ faults: { latencyMs: 40 } });
  t.teardown(() => fc.close());
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: process.cwd(),
    env: {
      ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', FC_URL: fc.url, FC_TIMEOUT_MS: '10000',
      SHUTDOWN_DELAY_MS: '5000', SHUTDOWN_GRACE_MS: '20000', SITE_ORIGIN: 'https://shop.example.com',
    },
  });
  t.teardown(() => server.stop());
  const base = new URL(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => { agent.destroy(); probeAgent.destroy(); });
  await server.warm(); // traffic once /readyz says ready, as in Kubernetes
  t.equal((await get(probeAgent, base, '/readyz')).res.statusCode, 200, 'ready before SIGTERM');

  const outcomes: Outcome[] = [];
  let sigtermSent = false;
  let routing = true;
  let okCount = 0;
  let startSigterm!: () => void;
  const enoughLoad = new Promise<void>((resolve) => { startSigterm = resolve; });
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));

  const client = async (id: number) => {
    for (let i = 0; routing && outcomes.length < MAX_REQUESTS; i += 1) {
      const afterSigterm = sigtermSent;
      try {
        const { res, body, reused } = await get(agent, base, `/products/${1001 + ((id + i) % 4)}`);
        const closed = res.headers.connection === 'close';
        if (res.statusCode === 200 && body.trimEnd().endsWith('</html>')) {
          outcomes.push({ kind: 'ok', closed, afterSigterm, reused });
          okCount += 1;
          if (okCount === SIGTERM_AFTER) startSigterm();
        } else {
          outcomes.push({ kind: 'lost', why: `status ${res.statusCode}, ${body.length} bytes` });
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Refused at connect: the request was never sent (a balancer would have picked another pod).
        if (code === 'ECONNREFUSED') { outcomes.push({ kind: 'refused' }); return; }
        outcomes.push({ kind: 'lost', why: `${code ?? ''} ${(error as Error).message}` });
        return;
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, id) => client(id));

  await enoughLoad;
  sigtermSent = true;
  server.child.kill('SIGTERM');
  // The readiness probe: its first ask after SIGTERM goes on its live keep-alive connection (opened
  // before); the 503 closes it, so the next ask is a new connection. Each ask waits on its reply.
  const unready: Array<{ reused: boolean; closed: boolean }> = [];
  for (let attempt = 0; attempt < 500 && unready.length < FAILURE_THRESHOLD; attempt += 1) {
    const { res, reused } = await get(probeAgent, base, '/readyz');
    if (res.statusCode === 503) unready.push({ reused, closed: res.headers.connection === 'close' });
  }
  routing = false;
  await Promise.all(clients);
  const code = await exited;

  const lost = outcomes.filter((o): o is Extract<Outcome, { kind: 'lost' }> => o.kind === 'lost');
  const ok = outcomes.filter((o): o is Extract<Outcome, { kind: 'ok' }> => o.kind === 'ok');
  t.same(lost.map((o) => o.why), [], `0 of ${outcomes.length} requests lost`);
  t.ok(outcomes.length < MAX_REQUESTS, 'the balancer stopped routing (the loop did not hit its bound)');
  t.ok(ok.filter((o) => o.afterSigterm).length > 0, `requests sent after SIGTERM were answered (${ok.filter((o) => o.afterSigterm).length})`);
  t.ok(ok.filter((o) => o.afterSigterm && o.closed).length > 0, 'answers after SIGTERM carry connection: close');
  t.ok(ok.filter((o) => !o.afterSigterm && o.reused).length >= SIGTERM_AFTER - CLIENTS, 'the clients really kept their connections alive before SIGTERM');
  t.ok(ok.filter((o) => o.afterSigterm && o.reused).length > 0, 'requests sent on connections opened before SIGTERM were answered');
  t.same(unready, [{ reused: true, closed: true }, { reused: false, closed: true }],
    '/readyz answered 503 on the live keep-alive connection, then on a new one (accepted during SHUTDOWN_DELAY_MS)');
  t.equal(code, 0, 'exit 0');
  t.match(server.output(), /open connections drained/, 'the drain is logged');
  t.notMatch(server.output(), /"level":(50|60)/, 'no error logged');
  t.comment(`sent ${outcomes.length}: ${ok.length} answered 200 (${ok.filter((o) => o.afterSigterm).length} after SIGTERM), ${outcomes.filter((o) => o.kind === 'refused').length} refused at connect, ${lost.length} lost`);
});
