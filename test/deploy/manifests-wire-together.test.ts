/**
 * The rendered objects reference each other correctly: selectors pick the pod labels, Service
 * targetPorts name real container ports, HPA/PDB/ServiceMonitor/edge targets exist, referenced
 * ConfigMaps and ServiceAccounts are rendered.
 */
import t from 'tap';
import { findKubectl, KUBECTL_MISSING, ofKind, overlayNames, ref, renderOverlay, selects, type K8sObject } from './helpers/kustomize.js';

const kubectl = findKubectl();
if (!kubectl) t.fail(KUBECTL_MISSING);

function podLabels(deployment: K8sObject): Record<string, string> {
  return deployment.spec.template.metadata.labels;
}

for (const overlay of kubectl ? overlayNames() : []) {
  t.test(`overlay ${overlay}`, async (t) => {
    const objects = renderOverlay(kubectl!, overlay);
    const deployments = ofKind(objects, 'Deployment');
    const services = ofKind(objects, 'Service');
    const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

    for (const deployment of deployments) {
      t.ok(selects(deployment.spec.selector.matchLabels, podLabels(deployment)), `${ref(deployment)} selector matches its pod labels`);
      const spec = deployment.spec.template.spec;
      t.ok(named('ServiceAccount', spec.serviceAccountName), `${ref(deployment)} ServiceAccount ${spec.serviceAccountName} is rendered`);
      for (const container of spec.containers) {
        for (const source of container.envFrom ?? []) {
          if (source.configMapRef) t.ok(named('ConfigMap', source.configMapRef.name), `${ref(deployment)} ConfigMap ${source.configMapRef.name} is rendered`);
          if (source.secretRef) t.equal(source.secretRef.optional, true, `${ref(deployment)} Secret ${source.secretRef.name} is optional (RRSA needs none)`);
        }
        const mounts = new Set((spec.volumes ?? []).map((v: { name: string }) => v.name));
        for (const mount of container.volumeMounts ?? []) t.ok(mounts.has(mount.name), `${ref(deployment)} volume ${mount.name} exists`);
        const ports = new Set((container.ports ?? []).map((p: { name: string }) => p.name));
        for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
          t.ok(ports.has(container[probe]?.httpGet?.port), `${ref(deployment)} ${probe} uses a named container port`);
        }
      }
      for (const kind of ['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'Service']) {
        t.ok(objects.some((o) => o.kind === kind && (
          o.spec.scaleTargetRef?.name === deployment.metadata.name ||
          selects(o.spec.selector?.matchLabels ?? (kind === 'Service' ? o.spec.selector : undefined), podLabels(deployment)) ||
          selects(o.spec.podSelector?.matchLabels, podLabels(deployment)))), `${ref(deployment)} has a ${kind}`);
      }
    }

    for (const service of services) {
      const targets = deployments.filter((d) => selects(service.spec.selector, podLabels(d)));
      t.equal(targets.length, 1, `${ref(service)} selects exactly one Deployment's pods`);
      for (const port of service.spec.ports) {
        const names = targets.flatMap((d) => d.spec.template.spec.containers.flatMap((c: K8sObject) => (c.ports ?? []).map((p: { name: string }) => p.name)));
        t.ok(names.includes(port.targetPort), `${ref(service)} targetPort ${port.targetPort} names a container port`);
      }
    }
    for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler')) {
      const target = named(hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name);
      t.ok(target, `${ref(hpa)} targets a rendered ${hpa.spec.scaleTargetRef.kind}`);
      t.notOk(target?.spec.replicas, `${ref(hpa)} owns replicas (the Deployment sets none)`);
      t.ok(hpa.spec.metrics.some((m: K8sObject) => m.type === 'Resource' && m.resource.name === 'cpu'), `${ref(hpa)} scales on CPU`);
      t.ok(hpa.spec.minReplicas <= hpa.spec.maxReplicas, `${ref(hpa)} min <= max`);
    }
    for (const pdb of ofKind(objects, 'PodDisruptionBudget')) {
      t.equal(deployments.filter((d) => selects(pdb.spec.selector.matchLabels, podLabels(d))).length, 1, `${ref(pdb)} covers one Deployment`);
    }
    for (const policy of ofKind(objects, 'NetworkPolicy')) {
      t.equal(deployments.filter((d) => selects(policy.spec.podSelector.matchLabels, podLabels(d))).length, 1, `${ref(policy)} selects one Deployment's pods`);
      t.same(policy.spec.policyTypes, ['Ingress', 'Egress'], `${ref(policy)} restricts both directions`);
      const egressPorts = policy.spec.egress.flatMap((rule: K8sObject) => rule.ports ?? []).map((p: { port: number }) => p.port);
      t.ok(egressPorts.includes(53), `${ref(policy)} allows DNS`);
    }
    for (const monitor of ofKind(objects, 'ServiceMonitor')) {
      const service = services.find((s) => selects(monitor.spec.selector.matchLabels, s.metadata.labels));
      t.ok(service, `${ref(monitor)} selects a Service`);
      for (const endpoint of monitor.spec.endpoints) {
        t.ok(service?.spec.ports.some((p: { name: string }) => p.name === endpoint.port), `${ref(monitor)} port ${endpoint.port} exists on the Service`);
      }
    }
    for (const ingress of ofKind(objects, 'Ingress')) {
      t.equal(ingress.spec.ingressClassName, 'nginx', `${ref(ingress)} uses the nginx class`);
      for (const rule of ingress.spec.rules) {
        for (const path of rule.http.paths) {
          const service = named('Service', path.backend.service.name);
          t.ok(service?.spec.ports.some((p: { name: string }) => p.name === path.backend.service.port.name), `${ref(ingress)} backend is a Service port`);
        }
      }
    }
    for (const route of ofKind(objects, 'HTTPRoute')) {
      for (const rule of route.spec.rules) {
        for (const backend of rule.backendRefs) {
          const service = named('Service', backend.name);
          t.ok(service?.spec.ports.some((p: { port: number }) => p.port === backend.port), `${ref(route)} backend ${backend.name}:${backend.port} is a Service port`);
        }
      }
    }
  });
}
