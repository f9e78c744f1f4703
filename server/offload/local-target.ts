/** The in-process render (the same `render()` FC runs): the default local path of the gateway. */
import type { Render } from '../render-contract.js';
import { countingInflight, type RenderTarget } from './render-target.js';

export function createLocalTarget(render: Render): RenderTarget {
  const counted = countingInflight((call) => render(call.renderRequest));
  return { name: 'in-process', ...counted, close: async () => undefined };
}
