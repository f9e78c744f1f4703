// An operator who breaks the sites file gets one line that names the file, the site, the field path and the
// problem (never an ajv dump), and start-up stops with SSR_ERR_CONFIG; a valid file comes back normalised
// and frozen.
import t from 'tap';
import { parseSite, parseSites, type SiteDefaults } from '../../server/sites/sites-file.js';

const defaults: SiteDefaults = { timeoutMs: 3000, fallbackTimeoutMs: 10_000, offload: 'fc-first' };

const VALID = `
sites:
  - name: shop
    hosts: [Shop.Example.com, "*.shop.example.com"]
    origin: https://shop.example.com/
    targets:
      - { name: fc-hangzhou, url: "https://ssr.cn-hangzhou.fcapp.run/", timeoutMs: 2500 }
      - { name: fc-shanghai, transport: sdk, accountId: "1234567890", region: cn-shanghai, functionName: ssr, internal: false }
    fallback: local
    healthCheck: { profile: patient }
  - name: blog
    hosts: [blog.example.com]
    default: true
    origin: https://blog.example.com
    targets: [{ name: fc, url: "https://blog.cn-hangzhou.fcapp.run" }]
    fallback: { url: "http://renderer.blog.svc:3000" }
    healthCheck: {}
`;

/** The message a broken variant of VALID gets. */
function problem(text: string, source = 'sites.yaml', options: SiteDefaults = defaults): string {
  try {
    parseSites(text, source, options);
  } catch (error) {
    t.equal((error as { code?: string }).code, 'SSR_ERR_CONFIG');
    return (error as Error).message;
  }
  return 'no error';
}

function variant(from: string, to: string): string {
  if (!VALID.includes(from)) throw new Error(`test bug: ${from} is not in VALID`);
  return VALID.replace(from, to);
}

t.test('a valid file is normalised, defaulted and deep-frozen', async (t) => {
  const config = parseSites(VALID, 'sites.yaml', defaults);
  const [shop, blog] = config.sites;
  t.equal(config.source, 'sites.yaml');
  t.same(shop!.hosts, ['shop.example.com', '*.shop.example.com'], 'hosts lower-cased');
  t.equal(shop!.origin, 'https://shop.example.com', 'origin without the trailing slash');
  t.same(shop!.targets[0], { name: 'fc-hangzhou', transport: 'http', timeoutMs: 2500, url: 'https://ssr.cn-hangzhou.fcapp.run' });
  t.same(shop!.targets[1], {
    name: 'fc-shanghai', transport: 'sdk', timeoutMs: 3000,
    sdk: { accountId: '1234567890', region: 'cn-shanghai', functionName: 'ssr', qualifier: 'LATEST', endpoint: '1234567890.cn-shanghai.fc.aliyuncs.com', protocol: 'https' },
  }, 'an sdk target gets the endpoint FC_TRANSPORT=sdk would build, and FC_TIMEOUT_MS');
  t.same(shop!.fallback, { kind: 'local' });
  t.same(shop!.healthCheck, { path: '/healthz', intervalMs: 30_000, timeoutMs: 2000, unhealthyThreshold: 5, healthyThreshold: 2, jitter: 0.1 }, 'patient: every 30 s, 5 failures');
  t.equal(shop!.default, false);
  t.equal(blog!.default, true);
  t.same(blog!.fallback, { kind: 'url', url: 'http://renderer.blog.svc:3000', timeoutMs: 10_000 }, 'FALLBACK_TIMEOUT_MS by default');
  t.same(blog!.healthCheck, { path: '/healthz', intervalMs: 10_000, timeoutMs: 2000, unhealthyThreshold: 3, healthyThreshold: 2, jitter: 0.1 }, '{} = the defaults');
  t.ok(Object.isFrozen(config) && Object.isFrozen(config.sites) && Object.isFrozen(shop!.targets[1]) && Object.isFrozen(shop!.hosts), 'deep-frozen');
  t.same(parseSites(JSON.stringify(parseYamlAsJson()), 'sites.json', defaults), { ...config, source: 'sites.json' }, 'the same file as JSON gives the same sites');
});

function parseYamlAsJson(): unknown {
  // The JSON twin of VALID, written out (not derived from the parser under test).
  return {
    sites: [
      {
        name: 'shop', hosts: ['Shop.Example.com', '*.shop.example.com'], origin: 'https://shop.example.com/',
        targets: [
          { name: 'fc-hangzhou', url: 'https://ssr.cn-hangzhou.fcapp.run/', timeoutMs: 2500 },
          { name: 'fc-shanghai', transport: 'sdk', accountId: '1234567890', region: 'cn-shanghai', functionName: 'ssr', internal: false },
        ],
        fallback: 'local', healthCheck: { profile: 'patient' },
      },
      {
        name: 'blog', hosts: ['blog.example.com'], default: true, origin: 'https://blog.example.com',
        targets: [{ name: 'fc', url: 'https://blog.cn-hangzhou.fcapp.run' }], fallback: { url: 'http://renderer.blog.svc:3000' }, healthCheck: {},
      },
    ],
  };
}

t.test('schema errors name the site, the field path and the problem', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['a URL with the wrong scheme', variant('https://blog.cn-hangzhou.fcapp.run', 'ftp://x'), 'SITES_FILE sites.yaml: site "blog": targets[0].url: must use http or https, got "ftp:"'],
    ['a URL with credentials', variant('https://blog.cn-hangzhou.fcapp.run', 'https://u:p@x'), 'site "blog": targets[0].url: must not contain credentials'],
    ['a misspelled key', variant('timeoutMs: 2500', 'tiemoutMs: 2500'), 'site "shop": targets[0].tiemoutMs: is not a known key (did you mean timeoutMs?)'],
    ['a number written as a string', variant('timeoutMs: 2500', 'timeoutMs: "2500"'), 'site "shop": targets[0].timeoutMs: must be an integer, got "2500"'],
    ['a number out of range', variant('timeoutMs: 2500', 'timeoutMs: 5'), 'site "shop": targets[0].timeoutMs: must be between 50 and 600000, got 5'],
    ['a missing field', variant('    origin: https://blog.example.com\n', ''), 'site "blog": origin: is required'],
    ['an unknown transport', variant('transport: sdk', 'transport: grpc'), 'site "shop": targets[1].transport: must be http | sdk, got "grpc"'],
    ['an sdk target without account', variant('accountId: "1234567890", ', ''), 'site "shop": targets[1].accountId: is required for an sdk target without endpoint'],
    ['an sdk target with a bad region', variant('region: cn-shanghai', 'region: Shanghai'), 'site "shop": targets[1].region: must look like cn-hangzhou, got "Shanghai"'],
    ['a misspelled fallback', variant('fallback: local', 'fallback: lokal'), 'site "shop": fallback: must be local, got "lokal"'],
    ['a fallback object with a typo', variant('fallback: { url:', 'fallback: { uri:'), 'site "blog": fallback.uri: is not a known key (did you mean url?)'],
    ['a site name with capitals', variant('name: shop', 'name: Shop'), 'site "Shop": name: must be lower-case letters, digits and -, starting with a letter or digit, at most 63 characters, got "Shop"'],
    ['a host with a port', variant('[blog.example.com]', '["blog.example.com:8080"]'), 'site "blog": hosts[0]: must be a host name without port or path'],
    ['a host with a path', variant('[blog.example.com]', '["blog.example.com/x"]'), 'site "blog": hosts[0]: must be a host name without port or path'],
    ['a host in two sites', variant('[blog.example.com]', '[shop.example.com]'), 'site "blog": hosts[0]: "shop.example.com" is already a host of site "shop" (a host belongs to one site)'],
    ['a wildcard in two sites', variant('[blog.example.com]', '["*.Shop.example.com"]'), 'site "blog": hosts[0]: "*.shop.example.com" is already a host of site "shop"'],
    ['two default sites', variant('    fallback: local\n', '    fallback: local\n    default: true\n'), 'site "blog": default: only one site may be the default; site "shop" already is'],
    ['two sites with one name', variant('name: blog', 'name: shop'), 'sites[1]: name: "shop" is already the name of sites[0]'],
    ['two targets with one name', variant('name: fc-shanghai', 'name: fc-hangzhou'), 'site "shop": targets[1].name: "fc-hangzhou" is the name of another target of this site'],
    ['an origin with a path', variant('origin: https://blog.example.com', 'origin: https://blog.example.com/en'), 'site "blog": origin: must be an origin without a path, got "https://blog.example.com/en"'],
    ['no targets under fc-first', variant('targets: [{ name: fc, url: "https://blog.cn-hangzhou.fcapp.run" }]', 'targets: []'), 'site "blog": targets: must list at least one FC target under OFFLOAD=fc-first (or set OFFLOAD=local-only)'],
    ['a site without hosts that is not the default', variant('    hosts: [blog.example.com]\n    default: true\n', ''), 'site "blog": hosts: must list at least one host (only the default site may have none)'],
    ['a probe slower than its interval', variant('healthCheck: {}', 'healthCheck: { intervalMs: 1000, timeoutMs: 1000 }'), 'site "blog": healthCheck.timeoutMs: must be below intervalMs (1000), got 1000'],
    ['an unknown health-check profile', variant('profile: patient', 'profile: seed'), 'site "shop": healthCheck.profile: must be default | patient, got "seed"'],
    ['a misspelled top-level key', 'sitez: []', 'SITES_FILE sites.yaml: sitez: is not a known key (did you mean sites?)'],
    ['no sites', 'sites: []', 'SITES_FILE sites.yaml: sites: must list at least 1'],
    ['an empty file', '', 'SITES_FILE sites.yaml: must be an object with a "sites" list, got null'],
  ];
  for (const [what, text, expected] of cases) t.match(problem(text), expected, what);
});

t.test('syntax errors name the line and column; only .yaml, .yml and .json are read', async (t) => {
  t.equal(problem(variant('    fallback: local\n', '    fallback: local\n    fallback: local\n')), 'SITES_FILE sites.yaml: line 10, column 5: is not valid YAML: Map keys must be unique');
  t.match(problem('sites:\n  - name: [shop\n'), /^SITES_FILE sites\.yaml: line \d+, column \d+: is not valid YAML: /);
  t.equal(problem('{\n  "sites": [],\n}', 'sites.json'), 'SITES_FILE sites.json: line 3, column 1: is not valid JSON: Expected double-quoted property name');
  t.equal(problem(VALID, 'sites.toml'), 'SITES_FILE sites.toml: must end in .yaml, .yml or .json (the extension picks the syntax), got ".toml"');
});

t.test('OFFLOAD=local-only needs no targets; SSR_APP=off needs a fallback URL', async (t) => {
  const localOnly = parseSites(variant('targets: [{ name: fc, url: "https://blog.cn-hangzhou.fcapp.run" }]', 'targets: []'), 'sites.yaml', { ...defaults, offload: 'local-only' });
  t.same(localOnly.sites.map((site) => site.targets), [[], []], 'targets are checked but not used under local-only');
  t.equal(problem(VALID, 'sites.yaml', { ...defaults, ssrAppOff: true }), 'SITES_FILE sites.yaml: site "shop": fallback: must be { url: … } with SSR_APP=off (there is no in-process app to fall back to)');
});

t.test('one site object (a lookup answer) gets the same checks', async (t) => {
  const site = parseSite({ name: 'tenant-1', hosts: ['a.com'], origin: 'https://a.com', targets: [{ name: 'fc', url: 'https://a.fcapp.run' }], fallback: 'local' }, 'lookup a.com', defaults);
  t.equal(site.name, 'tenant-1');
  t.ok(Object.isFrozen(site.targets[0]));
  t.throws(() => parseSite({ name: 'tenant-1', hosts: ['a.com'], origin: 'https://a.com', targets: [{ name: 'fc', url: 'https://a.fcapp.run', extra: 1 }], fallback: 'local' }, 'lookup a.com', defaults),
    { message: 'SITES_FILE lookup a.com: site "tenant-1": targets[0].extra: is not a known key (known keys: name, transport, url, timeoutMs)' });
  t.throws(() => parseSite('<html>', 'lookup a.com', defaults), { message: 'SITES_FILE lookup a.com: must be a site object, got "<html>"' });
});
