/**
 * Warm before ready: a new pod's first requests were slow (cold JIT of the render path, first module
 * evaluations, first FC connections: p99 1.5 s in the soak's first seconds). Before `/readyz` says
 * ready, the host renders a few pages in-process (each path a few times, so V8 optimises the hot code)
 * and, on the gateway, sends a few concurrent renders to FC, which opens keep-alive connections in the
 * pool and wakes FC instances. Everything is bounded by WARMUP_TIMEOUT_MS: a dead or slow FC never keeps
 * the pod unready (it falls back to local render anyway), and failures are only logged.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Render } from './render-contract.js';
import type { RenderTarget } from './offload/render-target.js';

/** Renders per path: the first compiles, the next ones reach V8's optimising tiers for the hot functions. */
const ROUNDS = 3;
/** Concurrent FC calls: each holds its own pooled keep-alive connection open afterwards. */
const FC_CONNECTIONS = 2;

export interface WarmUpOptions {
  /** Paths to render (`WARMUP_PATHS`); the first is also sent to FC. */
  paths: readonly string[];
  /** Upper bound for the whole warm-up (`WARMUP_TIMEOUT_MS`); 0 = no warm-up. */
  timeoutMs: number;
  /** The in-process render (undefined when the host has none, e.g. SSR_APP=off). */
  render?: Render | undefined;
  /** The FC target, unwrapped (no breaker, no metrics, no spans: warm-up is not traffic). */
  fc?: RenderTarget | undefined;
}

interface WarmUpReport {
  durationMs: number;
  renders: number;
  renderFailures: number;
  fc?: 'ok' | 'failed' | 'timed out';
  timedOut: boolean;
}

async function renderLocally(render: Render, paths: readonly string[], signal: AbortSignal, report: WarmUpReport): Promise<void> {
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const url of paths) {
      if (signal.aborted) return;
      try {
        await render({ url, headers: { 'accept-language': 'en', 'user-agent': 'ssr-offload-warm-up' } });
        report.renders += 1;
      } catch {
        report.renderFailures += 1;
      }
    }
  }
}

async function openFc(fc: RenderTarget, url: string, signal: AbortSignal, report: WarmUpReport): Promise<void> {
  const calls = Array.from({ length: FC_CONNECTIONS }, (_, i) => fc.render({
    renderRequest: { url, headers: { 'user-agent': 'ssr-offload-warm-up' } },
    forwardHeaders: { 'x-request-id': `warm-up-${i + 1}` },
    signal,
  }));
  const results = await Promise.allSettled(calls);
  report.fc = signal.aborted ? 'timed out' : results.every((r) => r.status === 'fulfilled') ? 'ok' : 'failed';
}

/**
 * Holds `/readyz` at 503 from start-up until the warm-up finished or timed out, then logs it.
 * @example
 * warmUpBeforeReady(app, { paths: config.warmUp.paths, timeoutMs: config.warmUp.timeoutMs, render, fc });
 */
export function warmUpBeforeReady(app: FastifyInstance, options: WarmUpOptions): void {
  if (options.timeoutMs <= 0 || options.paths.length === 0 || (!options.render && !options.fc)) return;
  // Registered as a plugin so it runs after the health plugin has decorated the instance.
  app.register(fp(async (host: FastifyInstance) => {
    let release!: () => void;
    host.holdReadinessUntil(new Promise<void>((resolve) => { release = resolve; }));
    // A timer plus a controller held by this closure for the whole warm-up (not AbortSignal.timeout,
    // which a full GC may collect on Node 20 before it fires: nodejs/node#57736).
    const controller = new AbortController();
    let closing = false;
    host.addHook('onClose', async () => { closing = true; controller.abort(); });
    host.addHook('onReady', (done) => {
      done();
      const started = performance.now();
      const report: WarmUpReport = { durationMs: 0, renders: 0, renderFailures: 0, timedOut: false };
      const timer = setTimeout(() => { report.timedOut = true; controller.abort(); }, options.timeoutMs);
      const work = Promise.all([
        options.render ? renderLocally(options.render, options.paths, controller.signal, report) : undefined,
        options.fc ? openFc(options.fc, options.paths[0]!, controller.signal, report) : undefined,
      ]);
      const stopped = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
      void Promise.race([work, stopped]).finally(() => {
        clearTimeout(timer);
        release();
        if (closing) return;
        report.durationMs = Math.round(performance.now() - started);
        if (report.timedOut && options.fc && report.fc === undefined) report.fc = 'timed out';
        host.log[report.timedOut || report.fc === 'failed' ? 'warn' : 'info'](report,
          report.timedOut ? `warm-up stopped at WARMUP_TIMEOUT_MS (${options.timeoutMs} ms); ready anyway` : 'warmed up; ready');
      });
    });
  }, { name: 'ssr-warm-up', dependencies: ['ssr-health'] }));
}
