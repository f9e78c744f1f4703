/**
 * Every metric name an alert or recording rule uses is exported by the real gateway: the test starts
 * the container entry with ROLE=gateway (local-only, no FC), renders a page, scrapes /metrics on the
 * admin listener (where the ServiceMonitor scrapes it) and compares. Metric names are pulled out of the expressions generically (helpers/promql.ts).
 */
import { existsSync } from 'node:fs';
import t from 'tap';
import { findKubectl, KUBECTL_MISSING } from './helpers/kustomize.js';
import { exposedSeries, metricNames } from './helpers/promql.js';
import { repoPath } from './helpers/repo.js';
import { renderedRuleGroups } from './helpers/rules.js';
import { startServer } from './helpers/start-server.js';

const kubectl = findKubectl();
if (!kubectl) t.fail(KUBECTL_MISSING);

t.test('the metric-name extraction is generic', async (t) => {
  t.same(metricNames('histogram_quantile(0.95, sum by (namespace, le) (rate(a_bucket{x="y"}[5m]))) > 1.5'), ['a_bucket']);
  t.same(metricNames('max by (t) (b) == 2 and on (t) c offset 5m'), ['b', 'c']);
  t.ok(exposedSeries('# TYPE h histogram\n').has('h_count'), 'histograms expose _count/_bucket/_sum');
});

t.test('alerts use metrics that /metrics serves', async (t) => {
  if (!kubectl) return;
  t.ok(existsSync(repoPath('dist/node/server/main.js')), 'dist/node/server/main.js exists (npm run build)');
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: repoPath(''),
    env: { ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', EMULATOR: 'off', OFFLOAD: 'local-only', LOG_LEVEL: 'info', NODE_ENV: 'production' },
  });
  t.teardown(() => server.stop());
  const page = await fetch(`${server.url}/`);
  t.equal(page.status, 200, 'the gateway renders the home page');
  await page.arrayBuffer();
  const metrics = await fetch(`${await server.adminUrl()}/metrics`);
  t.equal(metrics.status, 200, '/metrics answers on the admin listener');
  const exposed = exposedSeries(await metrics.text());
  const used = new Set(renderedRuleGroups(kubectl).flatMap((group) => group.rules.flatMap((rule) => metricNames(rule.expr))));
  t.ok(used.size > 0, 'the rules use metrics');
  for (const name of used) t.ok(exposed.has(name), `${name} is exported by the gateway`);
});
