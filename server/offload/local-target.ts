/**
 * The in-process render (the same `render()` FC runs): the default local path of the gateway, behind the
 * bounded local queue (LOCAL_MAX_INFLIGHT running, LOCAL_QUEUE_MAX waiting, LOCAL_QUEUE_TIMEOUT_MS). Every
 * site's local target shares the pod's one queue: the bound is this process's CPU, whichever site asks.
 */
import type { Render } from '../render-contract.js';
import type { LocalQueue } from './local-queue.js';
import type { RenderTarget } from './render-target.js';

export interface LocalTarget extends RenderTarget {
  /** Renders waiting for a slot (in the shared queue, every site's). */
  queued(): number;
}

export function createLocalTarget(render: Render, queue: LocalQueue): LocalTarget {
  return {
    name: 'in-process',
    render: (call) => queue.run(() => render(call.renderRequest), call.signal),
    inflight: queue.running,
    queued: queue.queued,
    close: async () => undefined,
  };
}
