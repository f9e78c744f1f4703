/** The PrometheusRule objects of the monitoring component, rendered by kustomize. */
import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { repoPath } from './repo.js';
import type { K8sObject } from './kustomize.js';

export interface Rule { alert?: string; record?: string; expr: string; for?: string }

/** Rule groups from every PrometheusRule the production overlay renders. */
export function renderedRuleGroups(kubectl: string): { name: string; rules: Rule[] }[] {
  const output = execFileSync(kubectl, ['kustomize', repoPath('k8s/overlays/production')], { encoding: 'utf8' });
  return parseAllDocuments(output)
    .map((doc) => doc.toJS() as K8sObject)
    .filter((object) => object?.kind === 'PrometheusRule')
    .flatMap((rule) => rule.spec.groups);
}
