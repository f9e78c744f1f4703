/**
 * Every overlay builds with `kubectl kustomize`, and every object it renders validates against the
 * official schemas (kubernetes-models, prometheus-operator, gateway-api) with no unknown fields.
 */
import t from 'tap';
import { findKubectl, KUBECTL_MISSING, overlayNames, ref, renderOverlay } from './helpers/kustomize.js';
import { schemaErrors } from './helpers/schemas.js';
import { hasModel, unknownFields } from './helpers/unknown-fields.js';

const kubectl = findKubectl();
if (!kubectl) t.fail(KUBECTL_MISSING);

t.test('there are dev and production overlays', async (t) => {
  const names = overlayNames();
  t.ok(names.includes('dev'), 'k8s/overlays/dev exists');
  t.ok(names.includes('production'), 'k8s/overlays/production exists');
});

for (const overlay of kubectl ? overlayNames() : []) {
  t.test(`overlay ${overlay}`, async (t) => {
    const objects = renderOverlay(kubectl!, overlay);
    t.ok(objects.length > 0, 'renders objects');
    for (const object of objects) {
      t.same(schemaErrors(object), [], `${ref(object)} matches its ${object.apiVersion} schema`);
      if (hasModel(object.apiVersion, object.kind)) {
        t.same(unknownFields(object), [], `${ref(object)} has no unknown fields`);
      }
    }
    const kinds = new Set(objects.map((object) => object.kind));
    for (const kind of ['Deployment', 'Service', 'ConfigMap', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'ServiceAccount']) {
      t.ok(kinds.has(kind), `renders a ${kind}`);
    }
    t.ok(kinds.has('Ingress') || kinds.has('HTTPRoute'), 'exposes the gateway through an Ingress or an HTTPRoute');
  });
}

t.test('the checks catch what they claim to catch', async (t) => {
  const deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' },
    spec: {
      selector: { matchLabels: { a: 'b' } },
      template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', imagee: 'i', livenessProbe: { periodSecond: 1 } }] } },
    },
  };
  t.same(unknownFields(deployment), ['$.spec.template.spec.containers[0].imagee', '$.spec.template.spec.containers[0].livenessProbe.periodSecond']);
  t.not(schemaErrors({ ...deployment, spec: { ...deployment.spec, replicas: 'two' } }).length, 0, 'a wrong type fails the schema');
  t.not(schemaErrors({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r' }, spec: { groups: [{ rules: [{}] }] } }).length, 0,
    'a rule group without name/expr fails the PrometheusRule schema');
  t.not(schemaErrors({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { rules: [{ backendRefs: [{ port: 'http' }] }] } }).length, 0,
    'a backendRef without a name fails the HTTPRoute schema');
});
