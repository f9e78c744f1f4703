// FC_TRANSPORT=sdk: pages come through InvokeFunction of the real @alicloud/fc20230330 client (signed
// request, direct-invoke JSON) against the emulator; a function error (200 + x-fc-error-type), broken
// JSON, throttling and a hang each fall back to the local page with their reason.
import Credential, { Config as CredentialConfig } from '@alicloud/credentials';
import t from 'tap';
import type { FcCredential } from '../../server/offload/fc-sdk-target.js';
import { startGateway } from '../helpers/gateway.js';
import { parsePage } from '../helpers/page.js';

type CredentialClass = typeof Credential.default;
type ConfigClass = typeof CredentialConfig;
const CredentialCtor = ((Credential as unknown as { default?: CredentialClass }).default ?? Credential) as unknown as CredentialClass;
const credential: FcCredential = new CredentialCtor(new (CredentialConfig as ConfigClass)({ type: 'access_key', accessKeyId: 'LTAIdummy', accessKeySecret: 'dummy-secret' }));

async function get(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, renderBy: response.headers.get('x-render-by'), timing: response.headers.get('server-timing') ?? '', html: await response.text(), headers: response.headers };
}

t.test('InvokeFunction through the SDK', async (t) => {
  const gateway = await startGateway(t, {
    env: (fc) => ({
      FC_TRANSPORT: 'sdk', FC_FUNCTION_NAME: 'ssr-render', FC_ENDPOINT: fc!.url, FC_TIMEOUT_MS: '400', HEDGE_MS: '0',
      BREAKER_VOLUME: '1000', BREAKER_CONSECUTIVE_FAILURES: '0',
    }),
    deps: { credential },
  });
  const fc = gateway.fc!;
  const ok = await get(`${gateway.url}/products/1006`);
  t.equal(ok.status, 200);
  t.equal(ok.renderBy, 'fc', 'rendered by FC');
  t.equal(parsePage(ok.html).canonical, 'https://shop.example.com/products/1006');
  t.equal(fc.stats().calls.invoke, 1, 'one InvokeFunction call');
  t.equal(fc.stats().calls.http, 0, 'no HTTP-trigger call');
  const missing = await get(`${gateway.url}/products/999999`);
  t.match(missing, { status: 404, renderBy: 'fc' }, "the function's 404 page passes through");
  const moved = await get(`${gateway.url}/item/1006`);
  t.match(moved, { status: 301, renderBy: 'fc' });
  t.equal(moved.headers.get('location'), '/products/1006');

  for (const [faults, reason] of [
    [{ functionErrorRate: 1 }, 'FC_FUNCTION_ERROR'],
    [{ garbageRate: 1 }, 'FC_MALFORMED'],
    [{ throttleRate: 1 }, 'FC_THROTTLED'],
    [{ errorRate: 1, errorStatus: 503 }, 'FC_5XX'],
    [{ hangRate: 1 }, 'FC_TIMEOUT'],
  ] as const) {
    fc.setFaults({ functionErrorRate: 0, garbageRate: 0, throttleRate: 0, errorRate: 0, hangRate: 0, ...faults });
    const page = await get(`${gateway.url}/products/1007`);
    t.equal(page.status, 200, `${reason}: 200`);
    t.equal(page.renderBy, 'local', `${reason}: local page`);
    t.match(page.timing, new RegExp(`desc="${reason}"`), `${reason}: reason in server-timing`);
    t.same([...page.headers.keys()].filter((name) => name.startsWith('x-fc-')), [], `${reason}: no FC header`);
  }
});

t.test('an unknown function is FC refusing the call, not a page', async (t) => {
  const gateway = await startGateway(t, {
    env: (fc) => ({ FC_TRANSPORT: 'sdk', FC_FUNCTION_NAME: 'no-such-function', FC_ENDPOINT: fc!.url, BREAKER_VOLUME: '1000', BREAKER_CONSECUTIVE_FAILURES: '0' }),
    deps: { credential },
  });
  const page = await get(`${gateway.url}/products/1008`);
  t.match(page, { status: 200, renderBy: 'local', timing: /desc="FC_REJECTED"/ });
});
