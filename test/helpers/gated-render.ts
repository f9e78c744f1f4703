/** The real render, except that pages whose URL matches `hold` wait until released: a busy local path on demand. */
import { createRenderer, type Render } from '../../ssr/index.js';
import { SITE_ORIGIN } from './gateway.js';

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
