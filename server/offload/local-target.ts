/**
 * The in-process render (the same `render()` FC runs): the default local path of the gateway, behind the
 * bounded local queue (LOCAL_MAX_INFLIGHT running, LOCAL_QUEUE_MAX waiting, LOCAL_QUEUE_TIMEOUT_MS).
 */
import type { Render } from '../render-contract.js';
import { createLocalQueue, type LocalQueueOptions } from './local-queue.js';
import type { RenderTarget } from './render-target.js';

export interface LocalTarget extends RenderTarget {
  /** Renders waiting for a slot. */
  queued(): number;
}

export function createLocalTarget(render: Render, queue: LocalQueueOptions): LocalTarget {
  const limiter = createLocalQueue(queue);
  return {
    name: 'in-process',
    render: (call) => limiter.run(() => render(call.renderRequest), call.signal),
    inflight: limiter.running,
    queued: limiter.queued,
    close: async () => undefined,
  };
}
