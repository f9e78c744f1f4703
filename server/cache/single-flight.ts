/**
 * One run per key at a time, whoever asks: the first caller starts `work`, later callers for the same
 * key wait for the same promise (lua-resty-mlcache's "one callback per key while others wait"; the page
 * cache uses it for renders and the sites lookup can use it for host lookups).
 *
 * - A waiter that gives up (its own AbortSignal) stops waiting; the shared run goes on for the others.
 * - The run gets its own AbortSignal, aborted only when the budget is spent: a run that never finishes
 *   frees its key after `budgetMs` (waiters get `onBudgetSpent`'s error) so the next caller starts afresh.
 */

export interface SingleFlightOptions {
  /** Longest a run may hold its key. */
  budgetMs: number;
  /** The error waiters get when a run outlives its budget. */
  onBudgetSpent: (key: string, budgetMs: number) => Error;
}

export interface Flight<V> {
  readonly promise: Promise<V>;
  /** False for the caller that started the run, true for callers that joined it. */
  readonly joined: boolean;
}

export interface SingleFlight<V> {
  /** Join the run for `key`, or start it with `work`; `signal` only stops this caller's wait. */
  run(key: string, work: (signal: AbortSignal) => Promise<V>, signal?: AbortSignal): Flight<V>;
  /** Whether a run for `key` is in progress. */
  has(key: string): boolean;
  /** Runs in progress. */
  readonly size: number;
  /** Callers waiting on runs right now, the starters included (status pages, tests). */
  readonly waiting: number;
}


/**
 * @example
 * const renders = createSingleFlight<Page>({ budgetMs: 13_000, onBudgetSpent: (key, ms) => new Error(`${key} > ${ms} ms`) });
 * const { promise, joined } = renders.run(key, (signal) => render(url, signal), request.signal);
 */
export function createSingleFlight<V>(options: SingleFlightOptions): SingleFlight<V> {
  const runs = new Map<string, Promise<V>>();
  let waiting = 0;

  function waitFor(shared: Promise<V>, signal: AbortSignal | undefined): Promise<V> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    waiting += 1;
    return new Promise<V>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        if (settled) return false;
        settled = true;
        waiting -= 1;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = () => { if (settle()) reject(signal!.reason); };
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.then((value) => { if (settle()) resolve(value); }, (error) => { if (settle()) reject(error); });
    });
  }

  return {
    run(key, work, signal) {
      const running = runs.get(key);
      if (running) return { promise: waitFor(running, signal), joined: true };
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          const error = options.onBudgetSpent(key, options.budgetMs);
          controller.abort(error);
          reject(error);
        }, options.budgetMs);
        timer.unref();
      });
      let started: Promise<V>;
      try {
        started = work(controller.signal);
      } catch (error) {
        started = Promise.reject(error);
      }
      const shared = Promise.race([started, budget]).finally(() => {
        clearTimeout(timer);
        if (runs.get(key) === shared) runs.delete(key);
      });
      // Every waiter may have left: the shared run must never become an unhandled rejection.
      shared.catch(() => undefined);
      budget.catch(() => undefined);
      runs.set(key, shared);
      return { promise: waitFor(shared, signal), joined: false };
    },
    has: (key) => runs.has(key),
    get size() {
      return runs.size;
    },
    get waiting() {
      return waiting;
    },
  };
}
