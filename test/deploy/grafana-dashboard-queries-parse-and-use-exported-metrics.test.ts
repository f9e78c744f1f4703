/**
 * The Grafana dashboard the monitoring component ships (a ConfigMap labelled grafana_dashboard: "1" for
 * the Grafana sidecar): its JSON parses, the Prometheus datasource is a variable on every panel and
 * query, rates use `$__rate_interval`, every query is valid PromQL (`promtool check rules` on the
 * queries as recording rules, Grafana variables substituted) and names only series a live gateway's
 * `/metrics` exports.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { stringify } from 'yaml';
import { findKubectl, KUBECTL_MISSING, ofKind, renderOverlay } from './helpers/kustomize.js';
import { exposedSeries, metricNames } from './helpers/promql.js';
import { findPromtool, PROMTOOL_MISSING } from './helpers/promtool.js';
import { repoPath } from './helpers/repo.js';
import { startServer } from './helpers/start-server.js';

interface Panel { type: string; title: string; datasource?: { uid?: string }; targets?: Array<{ expr: string; datasource?: { uid?: string } }> }
interface Dashboard { uid: string; templating: { list: Array<{ name: string; type: string; query: unknown; datasource?: { uid?: string } }> }; panels: Panel[] }

const kubectl = findKubectl();
const promtool = findPromtool();
if (!kubectl) t.fail(KUBECTL_MISSING);
const FILE = 'ssr-offload-gateway.json';
const committed = readFileSync(repoPath(`k8s/components/monitoring/dashboards/${FILE}`), 'utf8');
const dashboard = JSON.parse(committed) as Dashboard;
const queries = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));
/** Grafana's variables as Prometheus would see them after interpolation. */
const interpolate = (expr: string) => expr.replaceAll('$__rate_interval', '1m').replaceAll('$namespace', '.*');

t.test('delivered as a labelled ConfigMap', async (t) => {
  if (!kubectl) return;
  const configMaps = ofKind(renderOverlay(kubectl, 'production'), 'ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
  t.equal(configMaps.length, 1, 'one dashboard ConfigMap with the sidecar label');
  t.equal(configMaps[0]?.data?.[FILE], committed, 'it carries the committed JSON unchanged');
});

t.test('datasource is a variable everywhere', async (t) => {
  const variable = dashboard.templating.list.find((v) => v.type === 'datasource');
  t.equal(variable?.query, 'prometheus', 'a Prometheus datasource variable');
  const ref = `\${${variable?.name}}`;
  for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
    t.equal(panel.datasource?.uid, ref, `panel "${panel.title}" uses ${ref}`);
    for (const target of panel.targets ?? []) t.equal(target.datasource?.uid, ref, `a query of "${panel.title}" uses ${ref}`);
  }
  for (const query of dashboard.templating.list.filter((v) => v.type === 'query')) t.equal(query.datasource?.uid, ref, `variable ${query.name} uses ${ref}`);
  t.ok(queries.length >= 15, `${queries.length} queries`);
  for (const { panel, expr } of queries) {
    for (const range of expr.match(/\[[^\]]*\]/g) ?? []) t.equal(range, '[$__rate_interval]', `"${panel}" ranges use $__rate_interval`);
  }
});

t.test('every query is valid PromQL', { skip: promtool ? false : PROMTOOL_MISSING }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ssr-dashboard-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const rules = queries.map(({ expr }, i) => ({ record: `dashboard:query_${i}`, expr: interpolate(expr) }));
  writeFileSync(join(dir, 'queries.yaml'), stringify({ groups: [{ name: 'dashboard', rules }] }));
  let output = '';
  try {
    output = execFileSync(promtool!, ['check', 'rules', join(dir, 'queries.yaml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    t.fail(`promtool rejected a dashboard query:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  t.match(output, new RegExp(`SUCCESS: ${rules.length} rules found`));
});

t.test('queries use metrics that /metrics serves', async (t) => {
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: repoPath(''),
    env: { ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', EMULATOR: 'off', OFFLOAD: 'local-only', LOG_LEVEL: 'info', NODE_ENV: 'production' },
  });
  t.teardown(() => server.stop());
  await (await fetch(`${server.url}/`)).arrayBuffer();
  const exposed = exposedSeries(await (await fetch(`${await server.adminUrl()}/metrics`)).text());
  const used = new Set(queries.flatMap(({ expr }) => metricNames(interpolate(expr))));
  t.ok(used.size >= 10, `${used.size} metrics used`);
  for (const name of used) t.ok(exposed.has(name), `${name} is exported by the gateway`);
});
