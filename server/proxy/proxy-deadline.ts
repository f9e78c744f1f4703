/**
 * One deadline per proxied request (PROXY_TIMEOUT_MS), from the request's arrival to the end of the
 * answer, the request body included. undici's own `headersTimeout` is re-armed by every body chunk it
 * sends (so a body dripping 1 byte per 500 ms never trips it) and its timers tick at ~1 s; so the gateway
 * holds its own timer and AbortController per request (kept on the request for as long as it lives: no
 * `AbortSignal.timeout`, which a GC can collect on Node 20, nodejs/node#57736).
 *
 * reply-from gives no way to pass a signal to undici, so the signal travels in an AsyncLocalStorage
 * from the proxy handler to `DeadlineAgent.request`, which reply-from calls synchronously from
 * `reply.from()`; undici aborts the request (and releases its connection) when it fires.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent } from 'undici';

const currentSignal = new AsyncLocalStorage<AbortSignal>();

/** An undici Agent whose requests carry the deadline signal of the proxied request that made them. */
export class DeadlineAgent extends Agent {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- undici's overloads; reply-from calls request(options, callback)
  override request(options: any, callback?: any): any {
    const signal = currentSignal.getStore();
    return super.request(signal ? { ...options, signal } : options, callback);
  }
}

/** Runs `send` (which calls `reply.from`) so that its upstream request is aborted by `signal`. */
export function withDeadline<T>(signal: AbortSignal, send: () => T): T {
  return currentSignal.run(signal, send);
}

export type DeadlinePhase = 'request' | 'answer';

export interface ProxyDeadline {
  readonly signal: AbortSignal;
  /** Set when the deadline fired: `request` if the request body was still arriving, else `answer`. */
  readonly expiredDuring: DeadlinePhase | undefined;
  clear(): void;
}

/**
 * Starts the deadline. `onExpire` runs once when it fires (before the upstream request is aborted), with
 * the phase the exchange was in.
 */
export function startDeadline(timeoutMs: number, requestComplete: () => boolean, onExpire: (phase: DeadlinePhase) => void): ProxyDeadline {
  const controller = new AbortController();
  let expiredDuring: DeadlinePhase | undefined;
  const timer = setTimeout(() => {
    expiredDuring = requestComplete() ? 'answer' : 'request';
    onExpire(expiredDuring);
    controller.abort(new Error(`proxy deadline of ${timeoutMs} ms passed (${expiredDuring})`));
  }, timeoutMs);
  return {
    signal: controller.signal,
    get expiredDuring() { return expiredDuring; },
    clear: () => clearTimeout(timer),
  };
}
