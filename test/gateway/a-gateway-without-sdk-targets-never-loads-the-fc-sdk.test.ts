// The Alibaba Cloud SDK is the largest thing the gateway can load (about 8 MB of heap and 280 files). A gateway
// whose FC is an HTTP trigger, or that renders locally only, serves pages without it; the SDK is imported when
// an SDK target is built (and the gateway waits for it before it listens), so the pods that use it pay for it.
import { createRequire } from 'node:module';
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';

const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes('@alicloud/fc20230330'));

t.test('HTTP-trigger and local-only gateways serve pages without the SDK', async (t) => {
  const viaHttp = await startGateway(t, { env: { OFFLOAD: 'fc-first' } });
  const fcPage = await fetch(`${viaHttp.url}/products/1001`);
  await fcPage.text();
  t.equal(fcPage.headers.get('x-render-by'), 'fc');
  const local = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' } });
  const localPage = await fetch(`${local.url}/products/1001`);
  await localPage.text();
  t.equal(localPage.status, 200);
  t.same(loaded(), [], 'no file of @alicloud/fc20230330 was loaded');
});

t.test('a gateway with an SDK target loads it while starting', async (t) => {
  const gateway = await startGateway(t, {
    emulator: false,
    env: { FC_TRANSPORT: 'sdk', FC_FUNCTION_NAME: 'ssr-render', FC_ENDPOINT: 'http://127.0.0.1:9', OFFLOAD: 'fc-first', ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIdummy', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'dummy' },
  });
  t.ok(gateway.app.fcBreaker, 'the SDK target is built');
  // Loaded before the gateway listens: the first page's FC deadline is not spent importing it.
  t.ok(loaded().length > 0, `${loaded().length} files of the SDK loaded before the first page`);
  const page = await fetch(`${gateway.url}/products/1001`); // FC refused on port 9: the local render answers
  await page.text();
  t.equal(page.status, 200);
});
