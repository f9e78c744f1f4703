/**
 * Bounded local work: at most `maxRunning` renders run at once, at most `queueMax` wait for a slot, and none
 * waits longer than `timeoutMs`. Past either bound the render is shed with `LocalQueueFullError` (reason
 * `LOCAL_SHED`) at once, so an overloaded pod answers in milliseconds (a stale page, else 503 + Retry-After)
 * instead of letting every request queue without bound (@fastify/under-pressure's reasoning; the render is CPU
 * on this event loop, so more concurrency only adds waiting). A waiter whose signal aborts (the client left, or
 * a hedge that lost to FC) leaves the queue without rendering.
 */
import { LocalQueueFullError } from '../errors.js';

export interface LocalQueueOptions {
  maxRunning: number;
  queueMax: number;
  timeoutMs: number;
  /** Seconds a render waited for its slot (0 when it started at once). */
  onWait?: (seconds: number) => void;
  onShed?: (why: 'queue_full' | 'queue_timeout') => void;
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
  enqueuedAt: number;
}

export interface LocalQueue {
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  running(): number;
  queued(): number;
}

export function createLocalQueue(options: LocalQueueOptions): LocalQueue {
  let running = 0;
  const waiting: Waiter[] = [];

  function release(): void {
    running -= 1;
    const next = waiting.shift();
    if (next) next.start();
  }

  async function execute<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      release();
    }
  }

  function run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (running < options.maxRunning) {
      running += 1;
      options.onWait?.(0);
      return execute(work);
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (waiting.length >= options.queueMax) {
      options.onShed?.('queue_full');
      return Promise.reject(new LocalQueueFullError('queue_full', `${running} renders running and ${waiting.length} waiting (LOCAL_QUEUE_MAX ${options.queueMax})`));
    }
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        const index = waiting.indexOf(waiter);
        if (index >= 0) waiting.splice(index, 1);
        clearTimeout(waiter.timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        leave();
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        enqueuedAt: performance.now(),
        timer: setTimeout(() => {
          leave();
          options.onShed?.('queue_timeout');
          reject(new LocalQueueFullError('queue_timeout', `no render slot within LOCAL_QUEUE_TIMEOUT_MS (${options.timeoutMs} ms)`));
        }, options.timeoutMs),
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          clearTimeout(waiter.timer);
          running += 1;
          options.onWait?.((performance.now() - waiter.enqueuedAt) / 1000);
          execute(work).then(resolve, reject);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(waiter);
    });
  }

  return { run, running: () => running, queued: () => waiting.length };
}
