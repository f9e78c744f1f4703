// FC_TRANSPORT=sdk: the direct-invoke payload's `url` is the canonical URL the client asked for, exactly;
// a non-canonical URL is redirected or refused by the gateway and never invoked, and the SDK target
// itself refuses to send one.
import Credential, { Config as CredentialConfig } from '@alicloud/credentials';
import t from 'tap';
import { createFcSdkTarget, type FcCredential } from '../../server/offload/fc-sdk-target.js';
import { CANONICAL_URLS, NON_CANONICAL_URLS } from '../fixtures/non-canonical-urls.js';
import { startGateway } from '../helpers/gateway.js';
import { rawGet } from '../helpers/raw-request.js';
import { startRecordingUpstream, UPSTREAM_PAGE } from '../helpers/recording-upstream.js';

type CredentialClass = typeof Credential.default;
type ConfigClass = typeof CredentialConfig;
const CredentialCtor = ((Credential as unknown as { default?: CredentialClass }).default ?? Credential) as unknown as CredentialClass;
const credential: FcCredential = new CredentialCtor(new (CredentialConfig as ConfigClass)({ type: 'access_key', accessKeyId: 'LTAIdummy', accessKeySecret: 'dummy-secret' }));

/** An FC OpenAPI endpoint that records each InvokeFunction body and answers a page. */
async function startInvokeRecorder(t: Parameters<typeof startGateway>[0]) {
  const api = await startRecordingUpstream(t, (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'x-fc-request-id': 'r-1' });
    response.end(JSON.stringify({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, html: UPSTREAM_PAGE }));
  });
  const payloadUrls = () => api.seen.map((seen) => (JSON.parse(seen.body) as { url: string }).url);
  return { api, payloadUrls };
}

t.test('through the gateway', async (t) => {
  const { api, payloadUrls } = await startInvokeRecorder(t);
  const gateway = await startGateway(t, {
    emulator: false,
    env: { FC_TRANSPORT: 'sdk', FC_FUNCTION_NAME: 'ssr-render', FC_ENDPOINT: api.origin, OFFLOAD: 'fc-first', HEDGE_MS: '0', FC_TIMEOUT_MS: '10000' },
    deps: { credential },
  });
  for (const { url, expected } of NON_CANONICAL_URLS) {
    const answer = await rawGet(gateway.url, url);
    t.equal(answer.status, expected.status, `${url} → ${expected.status}`);
  }
  t.same(payloadUrls(), [], 'no InvokeFunction carried a non-canonical URL');
  for (const url of CANONICAL_URLS) {
    const answer = await rawGet(gateway.url, url);
    t.equal(answer.headers['x-render-by'], 'fc', `${url} rendered by FC`);
    t.equal(payloadUrls().at(-1), url, `payload.url is ${url}, unchanged`);
  }
  t.ok(api.seen.every((seen) => seen.url.startsWith('/2023-03-30/functions/ssr-render/invocations')), 'only InvokeFunction was called');
});

t.test('the SDK target refuses a non-canonical payload URL', async (t) => {
  const { api } = await startInvokeRecorder(t);
  const target = createFcSdkTarget({
    target: { accountId: 'local', region: 'cn-hangzhou', functionName: 'ssr-render', qualifier: 'LATEST', endpoint: new URL(api.origin).host, protocol: 'http' },
    timeoutMs: 2000,
    credential,
  });
  t.teardown(() => target.close());
  for (const url of ['/%2e%2e/%2e%2e/admin/secret', '/x/../admin', '/..%2fadmin']) {
    await t.rejects(target.render({ renderRequest: { url, headers: {} }, forwardHeaders: {}, signal: new AbortController().signal }),
      { code: 'SSR_ERR_BAD_URL' }, `${url} refused`);
  }
  t.same(api.seen, [], 'nothing was invoked');
});
