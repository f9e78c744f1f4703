/**
 * SIGTERM without losing a request (README "Shutdown"):
 * 1. readiness turns 503 at once (also on live keep-alive connections) and every answer from now on
 *    carries `connection: close`, so clients and proxies move their connections elsewhere;
 * 2. for `SHUTDOWN_DELAY_MS` the listener keeps accepting and answering as usual, while load balancers
 *    and Kubernetes endpoints stop sending here (endpoint removal and SIGTERM are concurrent:
 *    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination);
 * 3. accepting stops; requests in progress and requests already sent on open connections are answered;
 *    connections idle for DRAIN_IDLE_GRACE_MS are closed (server/drain-connections.ts);
 * 4. `close()` runs the onClose hooks (admin listener, FC pools, the embedded emulator).
 * The caller (close-with-grace) exits 1 if all of it takes longer than SHUTDOWN_GRACE_MS.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';

/**
 * How long an idle connection stays open once accepting stopped: long enough for a request a client
 * sent just before to arrive and be read (sub-millisecond inside a cluster), short against the grace.
 */
export const DRAIN_IDLE_GRACE_MS = 1000;

export async function shutDown(app: FastifyInstance, options: { delayMs: number }): Promise<void> {
  const started = performance.now();
  app.beginShutdown();
  if (options.delayMs > 0) {
    app.log.info({ delayMs: options.delayMs }, 'shutting down: readiness 503, still serving while load balancers stop routing here');
    await sleep(options.delayMs);
  }
  const { openAtStart, closedIdle } = await app.drainConnections(DRAIN_IDLE_GRACE_MS);
  app.log.info({ openAtStart, closedIdle, durationMs: Math.round(performance.now() - started) }, 'stopped accepting; open connections drained');
  await app.close();
  app.log.info({ durationMs: Math.round(performance.now() - started) }, 'shut down');
}
