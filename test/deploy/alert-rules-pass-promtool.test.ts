/**
 * The PrometheusRule alerts are valid Prometheus rules (`promtool check rules`) and fire when they
 * should (`promtool test rules` with the unit tests in prometheus-rules.promtool-test.yaml: breaker
 * open > 5 min, fallback ratio > 20 %, FC p95 above budget, 5xx ratio).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { stringify } from 'yaml';
import { findKubectl, KUBECTL_MISSING } from './helpers/kustomize.js';
import { findPromtool, PROMTOOL_MISSING } from './helpers/promtool.js';
import { repoPath } from './helpers/repo.js';
import { renderedRuleGroups } from './helpers/rules.js';

const kubectl = findKubectl();
const promtool = findPromtool();
if (!kubectl) t.fail(KUBECTL_MISSING);

t.test('alert rules', { skip: promtool ? false : PROMTOOL_MISSING }, async (t) => {
  if (!kubectl) return;
  const groups = renderedRuleGroups(kubectl);
  const alerts = groups.flatMap((group) => group.rules.map((rule) => rule.alert)).filter(Boolean);
  for (const name of ['SsrBreakerOpen', 'SsrFallbackRatioHigh', 'SsrFcLatencyP95AboveBudget', 'SsrPage5xxRatioHigh']) {
    t.ok(alerts.includes(name), `alert ${name} exists`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ssr-rules-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // promtool reads plain rule files: the PrometheusRule spec without its CRD wrapper.
  writeFileSync(join(dir, 'rules.yaml'), stringify({ groups }));
  copyFileSync(repoPath('test/deploy/prometheus-rules.promtool-test.yaml'), join(dir, 'tests.yaml'));
  const check = execFileSync(promtool!, ['check', 'rules', join(dir, 'rules.yaml')], { encoding: 'utf8' });
  t.match(check, /SUCCESS/, 'promtool check rules');
  let output = '';
  try {
    output = execFileSync(promtool!, ['test', 'rules', join(dir, 'tests.yaml')], { encoding: 'utf8', cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    t.fail(`promtool test rules failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  t.match(output, /SUCCESS/, 'promtool test rules');
});
