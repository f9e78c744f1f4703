/**
 * A per-call deadline that survives garbage collection: a timer plus an AbortController, both held by
 * the call (its `finally` clears them). `AbortSignal.any([signal, AbortSignal.timeout(ms)])` is not:
 * Node's timeout signal is only weakly held by its timer and by the composite, so a full GC can collect
 * it and the deadline never fires (https://github.com/nodejs/node/issues/57736; issue #12's soak found
 * FC calls open past their deadline that way).
 */

export interface CallDeadline {
  /** Aborts with a `TimeoutError` DOMException at the deadline, or with the parent's reason. */
  readonly signal: AbortSignal;
  /** Stop the timer and forget the parent; call it in `finally`. */
  clear(): void;
}

/**
 * @param parent aborted first → this deadline's signal aborts with the same reason (the client left).
 * @example
 * const deadline = startDeadline(3000, call.signal, 'FC call');
 * try { await agent.request({ ..., signal: deadline.signal }); } finally { deadline.clear(); }
 */
export function startDeadline(ms: number, parent?: AbortSignal, what = 'the call'): CallDeadline {
  const controller = new AbortController();
  // The timer's callback holds the controller strongly until it fires or is cleared; unref'd so a
  // pending deadline never keeps a process alive on its own.
  const timer = setTimeout(() => controller.abort(new DOMException(`${what} took longer than ${ms} ms`, 'TimeoutError')), ms);
  timer.unref();
  const unlink = parent ? linkAbort(parent, controller) : undefined;
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      unlink?.();
    },
  };
}

/**
 * `child` aborts with `parent`'s reason when `parent` aborts first. Call the returned function once
 * `child`'s work has settled: it removes the listener from `parent`, which may live much longer (a
 * connection's client-gone signal, server/client-gone.ts).
 */
export function linkAbort(parent: AbortSignal, child: AbortController): () => void {
  if (parent.aborted) {
    child.abort(parent.reason);
    return () => undefined;
  }
  const onAbort = () => child.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return () => parent.removeEventListener('abort', onAbort);
}
