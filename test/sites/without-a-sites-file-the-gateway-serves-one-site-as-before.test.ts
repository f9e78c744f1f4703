// Without SITES_FILE nothing changes for an existing deployment: the single-site variables become one site
// named `default` that serves every host, with the FC target named as its metrics always were.
import t from 'tap';
import { loadConfig } from '../../server/config.js';
import { createFcSdkTarget } from '../../server/offload/fc-sdk-target.js';
import { ENVIRONMENT_SITE } from '../../server/sites/site-config.js';
import { ENVIRONMENT_HTTP_TARGET, ENVIRONMENT_SDK_TARGET, siteFromEnvironment } from '../../server/sites/environment-site.js';

t.test('FC_URL, FALLBACK_URL and SITE_ORIGIN become the one default site', async (t) => {
  const config = loadConfig({ FC_URL: 'https://ssr.cn-hangzhou.fcapp.run/', FC_TIMEOUT_MS: '2500', FALLBACK_URL: 'http://renderer:3000', FALLBACK_TIMEOUT_MS: '4000', SITE_ORIGIN: 'https://shop.example.com' });
  t.same(config.sites, {
    file: undefined,
    initial: undefined,
    defaults: { timeoutMs: 2500, fallbackTimeoutMs: 4000, offload: 'fc-first', ssrAppOff: false },
    lookup: undefined,
  }, 'no sites file, no lookup');
  const sites = siteFromEnvironment(config);
  t.same(sites, {
    source: 'environment',
    sites: [{
      name: ENVIRONMENT_SITE,
      hosts: [],
      default: true,
      origin: 'https://shop.example.com',
      targets: [{ name: 'fc-http', transport: 'http', timeoutMs: 2500, url: 'https://ssr.cn-hangzhou.fcapp.run' }],
      fallback: { kind: 'url', url: 'http://renderer:3000', timeoutMs: 4000 },
      healthCheck: undefined,
    }],
  });
  t.equal(ENVIRONMENT_SITE, 'default', 'the site label metrics and cache keys used before sites existed');
  t.ok(Object.isFrozen(sites.sites[0]!.targets[0]), 'deep-frozen');
});

t.test('the embedded emulator URL, known only after it listens, is the target', async (t) => {
  const config = loadConfig({});
  t.equal(config.fc.useEmulator, true);
  const sites = siteFromEnvironment(config, 'http://127.0.0.1:41234');
  t.same(sites.sites[0]!.targets, [{ name: ENVIRONMENT_HTTP_TARGET, transport: 'http', timeoutMs: 3000, url: 'http://127.0.0.1:41234' }]);
  t.same(sites.sites[0]!.fallback, { kind: 'local' }, 'no FALLBACK_URL: the in-process render');
  t.equal(sites.sites[0]!.origin, 'http://localhost:3000', 'SITE_ORIGIN default');
  t.throws(() => siteFromEnvironment(config), { code: 'SSR_ERR_CONFIG', message: /^FC_URL is required/ }, 'no URL known yet');
});

t.test('FC_TRANSPORT=sdk is one sdk target with the name the SDK target reports', async (t) => {
  const config = loadConfig({ FC_TRANSPORT: 'sdk', FC_ACCOUNT_ID: '1234567890', FC_REGION: 'cn-shanghai', FC_FUNCTION_NAME: 'ssr', FC_INTERNAL: 'false' });
  const [target] = siteFromEnvironment(config).sites[0]!.targets;
  t.same(target, {
    name: ENVIRONMENT_SDK_TARGET, transport: 'sdk', timeoutMs: 3000,
    sdk: { accountId: '1234567890', region: 'cn-shanghai', functionName: 'ssr', qualifier: 'LATEST', endpoint: '1234567890.cn-shanghai.fc.aliyuncs.com', protocol: 'https' },
  });
  const sdkTarget = createFcSdkTarget({ target: config.fc.sdk!, timeoutMs: 3000, credential: { getCredential: async () => ({ accessKeyId: 'a', accessKeySecret: 'b', securityToken: '' }) } as never });
  t.equal(sdkTarget.name, ENVIRONMENT_SDK_TARGET, 'the label fc-sdk-target.ts puts on its metrics');
  await sdkTarget.close?.();
});

t.test('OFFLOAD=local-only has no target', async (t) => {
  const sites = siteFromEnvironment(loadConfig({ OFFLOAD: 'local-only', EMULATOR: 'off' }));
  t.same(sites.sites[0]!.targets, []);
});
