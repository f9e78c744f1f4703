// A render that hangs holds its page's key only for the render budget (FC_TIMEOUT_MS + FALLBACK_TIMEOUT_MS;
// here local-only, so FALLBACK_TIMEOUT_MS = 1000 ms): the waiting request gets the 503 page, and the next
// request starts a new render instead of waiting forever behind the hung one.
import t from 'tap';
import { createRenderer, type RenderRequest } from '../../ssr/index.js';
import { startCachedGateway } from '../helpers/cached-gateway.js';
import { SITE_ORIGIN } from '../helpers/gateway.js';

t.test('a render that never finishes frees its key after the budget', async (t) => {
  const real = createRenderer({ siteOrigin: SITE_ORIGIN });
  let calls = 0;
  const render = async (request: RenderRequest) => {
    calls += 1;
    if (calls === 1) return new Promise<never>(() => undefined); // hangs for good
    return real(request);
  };
  const gw = await startCachedGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', FALLBACK_TIMEOUT_MS: '1000' }, deps: { render } });
  const hung = await gw.get('/products/1050');
  t.equal(hung.status, 503, 'the hung render ends in the 503 page at its budget');
  const next = await gw.get('/products/1050');
  t.equal(next.status, 200, 'the key is free again: a new render answers');
  t.equal(calls, 2);
});
