/**
 * `LOCAL_RENDER_THREADS`: the gateway's in-process renders run on worker threads (node:worker_threads),
 * each holding its own copy of the app (server/render-thread.ts). Why:
 * - the event loop stays free while pages render: `/healthz`, cache hits and proxied routes are answered
 *   between renders, not after them, and the local queue's event-loop signal measures the gateway, not the app;
 * - a render runs in a heap that holds only the app, as in a bare server: on the bench machine the same
 *   instructions ran 11-18 % slower beside the gateway's modules and heap (docs/benchmarks.md);
 * - the cost is one copy of the answer between threads (a structured clone of the page string) and a wake-up.
 *
 * A thread that dies (an app that calls process.exit, runs out of heap, crashes) fails only the renders it
 * held; it is started again after a back-off, and meanwhile the other threads take the pages. With no thread
 * running, a render rejects at once (the offload policy then answers from FC or with its error page).
 */
import { Worker } from 'node:worker_threads';
import { ConfigError } from './errors.js';
import type { Render, RenderRequest, RenderResult, ViteManifest } from './render-contract.js';
import { fromThreadError, type FromThread, type RenderThreadData, type ThreadError, type ToThread } from './render-thread-messages.js';
import type { ResolvedSsrApp } from './ssr-app.js';

export interface RenderThreadsOptions {
  app: ResolvedSsrApp;
  manifest: ViteManifest | undefined;
  count: number;
  /** Built in every thread before start-up completes. */
  firstOrigin: string;
  /** The app's onError reports (data-load failures), from any thread. */
  onAppError: (error: Error, url: string) => void;
  /** A thread stopped without being asked to (it is restarted after `restartInMs`). */
  onThreadExit: (info: { thread: number; exitCode: number; failedRenders: number; restartInMs: number }) => void;
  /** A restarted thread has loaded the app and takes pages again. */
  onThreadRestarted: (info: { thread: number; restarts: number }) => void;
  /** A restarted thread could not load the app (it is tried again after a longer back-off). */
  onRestartFailed: (error: Error, info: { thread: number; restartInMs: number }) => void;
}

export interface RenderThreads {
  /** Resolves once every thread has imported the app; rejects (SSR_ERR_CONFIG) when the app cannot load. */
  readonly ready: Promise<void>;
  renderFor(origin: string): Render;
  close(): Promise<void>;
}

/** A thread that dies again soon after a restart waits longer, up to this. */
const MAX_RESTART_DELAY_MS = 5000;
const FIRST_RESTART_DELAY_MS = 100;

interface Pending {
  resolve: (result: RenderResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  index: number;
  worker: Worker | undefined;
  ready: boolean;
  pending: Map<number, Pending>;
  restartDelayMs: number;
}

/** How a thread is started: compiled, its .js entry; from source (tests run under tsx), through tsx's loader. */
function threadEntry(app: ResolvedSsrApp): { file: URL | string; eval: boolean } {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './render-thread.ts' : './render-thread.js', import.meta.url);
  if (!fromSource && !/\.[cm]?tsx?$/.test(app.module)) return { file: entry, eval: false };
  // A worker does not inherit the parent's module hooks (`--import tsx`): register tsx first, then the entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  return { file: `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`, eval: true };
}

/** The parent-side error for a thread's start-up failure: the plug's ConfigError as it was thrown. */
function startUpError(sent: ThreadError): Error {
  if (sent.code === 'SSR_ERR_CONFIG') {
    const space = sent.message.indexOf(' ');
    return new ConfigError(sent.message.slice(0, space), sent.message.slice(space + 1));
  }
  return new ConfigError('SSR_APP', `could not start a render thread: ${sent.message}`);
}

export function startRenderThreads(options: RenderThreadsOptions): RenderThreads {
  const { count } = options;
  const entry = threadEntry(options.app);
  const workerData: RenderThreadData = { app: { spec: options.app.spec, module: options.app.module }, manifest: options.manifest, firstOrigin: options.firstOrigin };
  const slots: Slot[] = Array.from({ length: count }, (_, index) => ({ index, worker: undefined, ready: false, pending: new Map(), restartDelayMs: FIRST_RESTART_DELAY_MS }));
  let nextId = 0;
  let closed = false;
  let restarts = 0;
  const restartTimers = new Set<NodeJS.Timeout>();

  /** Start the slot's thread; resolves when it is ready, rejects when its app cannot load. */
  function start(slot: Slot): Promise<void> {
    const worker = new Worker(entry.file, { eval: entry.eval, workerData });
    slot.worker = worker;
    slot.ready = false;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      let loaded = false;
      const startedAt = Date.now();
      worker.on('message', (message: FromThread) => {
        switch (message.kind) {
          case 'ready':
            slot.ready = true;
            loaded = true;
            settled = true;
            resolve();
            return;
          case 'failed':
            settled = true;
            reject(startUpError(message.error));
            void worker.terminate();
            return;
          case 'result':
            take(slot, message.id)?.resolve(message.result);
            return;
          case 'error':
            take(slot, message.id)?.reject(fromThreadError(message.error));
            return;
          case 'app-error':
            options.onAppError(fromThreadError(message.error), message.url);
        }
      });
      // An uncaught error in the thread is followed by its exit; the exit is where renders are failed.
      worker.on('error', (error) => {
        if (!settled) {
          settled = true;
          reject(new ConfigError('SSR_APP', `render thread failed while loading the app: ${error.message}`));
        }
      });
      worker.on('exit', (exitCode) => {
        slot.ready = false;
        slot.worker = undefined;
        const failed = [...slot.pending.values()];
        slot.pending.clear();
        for (const render of failed) render.reject(new Error(`the render thread stopped (exit code ${exitCode}) during this render`));
        if (!settled) {
          settled = true;
          reject(new ConfigError('SSR_APP', `render thread exited with code ${exitCode} while loading the app`));
          return;
        }
        // A thread that never loaded the app failed its start(); whoever started it decides what comes next.
        if (loaded && !closed) restartLater(slot, { exitCode, failedRenders: failed.length, livedMs: Date.now() - startedAt });
      });
    });
  }

  /**
   * Start a thread that stopped again after its back-off: 100 ms, doubling while it keeps dying (or keeps failing
   * to load the app), back to 100 ms once it has lived 50 s.
   */
  function restartLater(slot: Slot, exit: { exitCode: number; failedRenders: number; livedMs: number } | undefined): void {
    if (exit && exit.livedMs > 10 * MAX_RESTART_DELAY_MS) slot.restartDelayMs = FIRST_RESTART_DELAY_MS;
    const delay = slot.restartDelayMs;
    slot.restartDelayMs = Math.min(MAX_RESTART_DELAY_MS, delay * 2);
    if (exit) options.onThreadExit({ thread: slot.index, exitCode: exit.exitCode, failedRenders: exit.failedRenders, restartInMs: delay });
    const timer = setTimeout(() => {
      restartTimers.delete(timer);
      if (closed) return;
      restarts += 1;
      start(slot).then(
        () => options.onThreadRestarted({ thread: slot.index, restarts }),
        (error: unknown) => {
          options.onRestartFailed(error as Error, { thread: slot.index, restartInMs: slot.restartDelayMs });
          if (!closed) restartLater(slot, undefined);
        },
      );
    }, delay);
    // Not unref'd: a pod whose only thread is waiting to restart is still serving; close() clears it.
    restartTimers.add(timer);
  }

  function take(slot: Slot, id: number): Pending | undefined {
    const pending = slot.pending.get(id);
    slot.pending.delete(id);
    return pending;
  }

  let turn = 0;
  /** The running thread with the fewest renders in hand; ties taken in turn, so every thread warms up. */
  function pick(): Slot | undefined {
    let best: Slot | undefined;
    turn = (turn + 1) % count;
    for (let i = 0; i < count; i++) {
      const slot = slots[(turn + i) % count]!;
      if (slot.ready && (best === undefined || slot.pending.size < best.pending.size)) best = slot;
    }
    return best;
  }

  const ready = Promise.all(slots.map(start)).then(() => undefined);
  // Start-up failures surface through `ready` (awaited while the host boots), never as an unhandled rejection.
  ready.catch(() => undefined);

  const renderFor = (origin: string): Render => (request: RenderRequest) => {
    const slot = pick();
    if (!slot) return Promise.reject(new Error(closed ? 'the render threads are closed' : 'no render thread is running (restarting after an exit)'));
    const id = nextId++;
    return new Promise<RenderResult>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      const message: ToThread = { kind: 'render', id, origin, request };
      slot.worker!.postMessage(message);
    });
  };

  return {
    ready,
    renderFor,
    async close() {
      closed = true;
      for (const timer of restartTimers) clearTimeout(timer);
      restartTimers.clear();
      await Promise.all(slots.map((slot) => slot.worker?.terminate()));
    },
  };
}
