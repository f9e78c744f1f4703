/**
 * Finds fields the Kubernetes API does not know (typos such as `imagee` or `periodSecond`), which the
 * JSON schemas in kubernetes-models accept. Walks each object against the attribute type maps of
 * @kubernetes/client-node 1.x models (docs/sources.md#kustomize-offline).
 */
import * as k8s from '@kubernetes/client-node';

interface Attribute { name: string; baseName: string; type: string }
type ModelClass = { getAttributeTypeMap(): Attribute[] };

const models = k8s as unknown as Record<string, ModelClass | undefined>;

/** The client-node model class name for an apiVersion/kind, e.g. apps/v1 Deployment → V1Deployment. */
export function modelNameFor(apiVersion: string, kind: string): string {
  const version = apiVersion.split('/').pop()!;
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

/** Whether client-node has a model for this apiVersion/kind (core API groups only, no CRDs). */
export function hasModel(apiVersion: string, kind: string): boolean {
  return typeof models[modelNameFor(apiVersion, kind)]?.getAttributeTypeMap === 'function';
}

function walk(value: unknown, type: string, path: string, found: string[]): void {
  if (value === null || value === undefined) return;
  const arrayMatch = /^Array<(.+)>$/.exec(type);
  if (arrayMatch) {
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, arrayMatch[1]!, `${path}[${index}]`, found));
    return;
  }
  const mapMatch = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (mapMatch) {
    if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value as object)) walk(item, mapMatch[1]!, `${path}.${key}`, found);
    }
    return;
  }
  const model = models[type];
  if (!model || typeof model.getAttributeTypeMap !== 'function' || typeof value !== 'object' || Array.isArray(value)) return;
  const attributes = new Map(model.getAttributeTypeMap().map((attribute) => [attribute.baseName, attribute]));
  for (const [key, child] of Object.entries(value as object)) {
    const attribute = attributes.get(key);
    if (!attribute) {
      found.push(`${path}.${key}`);
      continue;
    }
    walk(child, attribute.type, `${path}.${key}`, found);
  }
}

/** JSON paths (from `$`) of fields that the model for this object does not define. */
export function unknownFields(object: { apiVersion: string; kind: string }): string[] {
  const found: string[] = [];
  walk(object, modelNameFor(object.apiVersion, object.kind), '$', found);
  return found;
}
