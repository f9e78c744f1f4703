/** The real render, except that pages whose URL matches `hold` wait until released: a busy local path on demand. */
import type { Test } from 'tap';
import { createRenderer, type Render } from '../../ssr/index.js';
import { SITE_ORIGIN, startGateway } from './gateway.js';

export function gatedRender(hold: RegExp) {
  const real = createRenderer({ siteOrigin: SITE_ORIGIN });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => { markStarted = resolve; });
  let calls = 0;
  const render: Render = async (request) => {
    calls += 1;
    if (hold.test(request.url)) {
      markStarted();
      await gate;
    }
    return real(request);
  };
  return { render, started, release, calls: () => calls };
}

/**
 * A `local-only` gateway with one render slot (LOCAL_MAX_INFLIGHT=1), taken by `/products/1001`, which is held
 * until `gated.release()`: the next pages wait in a queue of `queueMax` for up to `queueTimeoutMs`, then are shed.
 */
export async function startBusyLocalGateway(t: Test, queue: { queueMax: number; queueTimeoutMs: number }) {
  const gated = gatedRender(/1001/);
  const gateway = await startGateway(t, {
    emulator: false,
    env: { OFFLOAD: 'local-only', LOCAL_MAX_INFLIGHT: '1', LOCAL_QUEUE_MAX: String(queue.queueMax), LOCAL_QUEUE_TIMEOUT_MS: String(queue.queueTimeoutMs) },
    deps: { render: gated.render },
  });
  const held = fetch(`${gateway.url}/products/1001`);
  await gated.started;
  return { gateway, gated, held };
}

/** The admin listener's `/metrics` text. */
export async function metricsText(adminUrl: string | undefined): Promise<string> {
  return (await fetch(`${adminUrl}/metrics`)).text();
}
