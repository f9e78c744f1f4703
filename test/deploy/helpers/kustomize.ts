/**
 * Renders the Kustomize overlays with `kubectl kustomize` (works with no cluster, docs/sources.md#kustomize-offline)
 * and splits the output into plain objects.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { repoPath } from './repo.js';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: any;
}

/** The kubectl binary: $KUBECTL, else `kubectl` on PATH. Undefined when there is none. */
export function findKubectl(): string | undefined {
  const candidates = [process.env.KUBECTL, 'kubectl', '/usr/bin/kubectl'].filter(Boolean) as string[];
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['version', '--client'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

export const KUBECTL_MISSING = 'kubectl not found (set KUBECTL or put kubectl on PATH; it provides `kubectl kustomize`). ' +
  'This machine image normally has /usr/bin/kubectl.';

/** Every folder under k8s/overlays. */
export function overlayNames(): string[] {
  return readdirSync(repoPath('k8s/overlays'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(repoPath(`k8s/overlays/${entry.name}/kustomization.yaml`)))
    .map((entry) => entry.name)
    .sort();
}

const cache = new Map<string, K8sObject[]>();

/** `kubectl kustomize k8s/overlays/<name>` as objects; throws with kubectl's stderr on failure. */
export function renderOverlay(kubectl: string, name: string): K8sObject[] {
  const cached = cache.get(name);
  if (cached) return cached;
  const output = execFileSync(kubectl, ['kustomize', repoPath(`k8s/overlays/${name}`)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const objects = parseAllDocuments(output)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`overlay ${name}: ${doc.errors[0]!.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null);
  cache.set(name, objects);
  return objects;
}

/** Objects of one kind. */
export function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

/** `Kind/name` for messages. */
export function ref(object: K8sObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

/** True when every selector label is present with the same value in `labels`. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}
