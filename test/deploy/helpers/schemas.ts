/**
 * Validates a rendered object against its official OpenAPI schema: kubernetes-models for the core API,
 * @kubernetes-models/prometheus-operator for ServiceMonitor/PrometheusRule and
 * @kubernetes-models/gateway-api for HTTPRoute. Each model's `validate()` throws with Ajv's messages.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Model = new (data: object) => { validate(): void };

/** The package that holds the schema for an apiVersion (group/version). */
function modulesFor(apiVersion: string): string[] {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'monitoring.coreos.com') return [`@kubernetes-models/prometheus-operator/${group}/${version}`];
  if (group === 'gateway.networking.k8s.io') return [`@kubernetes-models/gateway-api/${group}/${version}`];
  return [group === '' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`];
}

/** The model class, or undefined when no installed package knows this apiVersion/kind. */
export function modelFor(apiVersion: string, kind: string): Model | undefined {
  for (const id of modulesFor(apiVersion)) {
    try {
      const exports = require(id) as Record<string, Model | undefined>;
      if (exports[kind]) return exports[kind];
    } catch {
      // not installed / unknown group
    }
  }
  return undefined;
}

/** Schema errors for an object (empty when valid); throws when no schema exists for it. */
export function schemaErrors(object: { apiVersion: string; kind: string }): string[] {
  const Model = modelFor(object.apiVersion, object.kind);
  if (!Model) throw new Error(`no schema installed for ${object.apiVersion} ${object.kind}`);
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: { instancePath?: string; message?: string }[] }).errors;
    if (errors?.length) return errors.map((e) => `${e.instancePath ?? ''} ${e.message ?? ''}`.trim());
    return [(error as Error).message];
  }
}
