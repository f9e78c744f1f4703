/**
 * The signal a page's work watches to stop when its client goes away (a waiting local render leaves the
 * queue, an FC call is aborted, a wait for another pod's render ends). An HTTP/1.1 client can only leave
 * by closing its connection, so there is one signal per connection, made by its first page and aborted
 * when the socket closes; the requests of a keep-alive connection share it. A controller per request
 * cost 17 µs of a local page's 1.6 ms in bench scenario 1's profile, plus a `close` listener on every
 * response.
 *
 * Sharing is safe because no consumer keeps a listener past its own call: the local queue, the render
 * cache's single-flight waits and FC call deadlines remove theirs when they settle, and a hedge links
 * its own controller with `linkAbort` (server/call-deadline.ts) instead of `AbortSignal.any` (whose
 * dependants a long-lived signal would collect). test/gateway/a-client-that-leaves-frees-its-place-and-stops-its-fc-call.test.ts
 * checks both that a leaving client stops its work and that a connection's signal ends with no listener.
 */
import type { Socket } from 'node:net';

const CLIENT_GONE = Symbol('ssr-offload.clientGone');

type WatchedSocket = Socket & { [CLIENT_GONE]?: AbortSignal };

/** Aborts (with an `AbortError`) once `socket` closes; the same signal for every request on it. */
export function clientGoneSignal(socket: Socket): AbortSignal {
  const watched = socket as WatchedSocket;
  const existing = watched[CLIENT_GONE];
  if (existing !== undefined) return existing;
  const controller = new AbortController();
  watched[CLIENT_GONE] = controller.signal;
  if (socket.destroyed) controller.abort();
  else socket.once('close', () => controller.abort());
  return controller.signal;
}
