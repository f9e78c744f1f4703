/**
 * The admin listener (/metrics, operator endpoints) is reachable by monitoring only, in every overlay:
 * the gateway pod declares a named `admin` container port that matches ADMIN_PORT and listens on the pod
 * IP (ADMIN_HOST=0.0.0.0) so Prometheus can scrape it; no Service port an Ingress or HTTPRoute routes to
 * resolves to it (by name or number), and no NodePort/LoadBalancer Service carries it; the
 * ServiceMonitor scrapes `/metrics` on it; the NetworkPolicy admits it from the monitoring namespace and
 * from nowhere else, and never lets the edge's namespace reach it.
 */
import t from 'tap';
import { findKubectl, KUBECTL_MISSING, ofKind, overlayNames, ref, renderOverlay, selects, type K8sObject } from './helpers/kustomize.js';
import { loadPodConfig } from './helpers/mounted-files.js';

const kubectl = findKubectl();
if (!kubectl) t.fail(KUBECTL_MISSING);

/** Does Service port `port` send traffic to the container port named `name` / numbered `number`? */
function reachesContainerPort(port: K8sObject, name: string, number: number): boolean {
  const target = port.targetPort ?? port.port;
  return target === name || Number(target) === number;
}

for (const overlay of kubectl ? overlayNames() : []) {
  t.test(`overlay ${overlay}`, async (t) => {
    const objects = renderOverlay(kubectl!, overlay);
    const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
    const gateways = ofKind(objects, 'Deployment').filter((d) => d.metadata.name === 'ssr-gateway');
    t.equal(gateways.length, 1, 'one gateway Deployment');
    const gateway = gateways[0]!;
    const podLabels = gateway.spec.template.metadata.labels;
    const container = gateway.spec.template.spec.containers[0];
    const adminPort = container.ports.find((p: K8sObject) => p.name === 'admin');
    t.ok(adminPort, 'the gateway container declares a named `admin` port');
    const adminNumber: number = adminPort?.containerPort;

    const env: Record<string, string> = {};
    for (const source of container.envFrom ?? []) if (source.configMapRef) Object.assign(env, named('ConfigMap', source.configMapRef.name)?.data);
    for (const entry of container.env ?? []) if (entry.value !== undefined) env[entry.name] = entry.value;
    const config = loadPodConfig(objects, gateway.spec.template.spec, container, env);
    t.equal(config.admin.port, adminNumber, 'ADMIN_PORT is the declared admin container port');
    t.equal(config.admin.host, '0.0.0.0', 'ADMIN_HOST=0.0.0.0: Prometheus scrapes the pod IP');
    t.not(config.port, adminNumber, 'pages and the admin listener are different ports');

    const gatewayServices = ofKind(objects, 'Service').filter((s) => selects(s.spec.selector, podLabels));
    const edgeBackends: Array<{ from: string; service: string; port: (p: K8sObject) => boolean }> = [
      ...ofKind(objects, 'Ingress').flatMap((ingress) => [
        ...(ingress.spec.defaultBackend?.service ? [ingress.spec.defaultBackend.service] : []),
        ...ingress.spec.rules.flatMap((rule: K8sObject) => rule.http.paths.map((path: K8sObject) => path.backend.service)),
      ].map((backend: K8sObject) => ({
        from: ref(ingress),
        service: backend.name,
        port: (p: K8sObject) => (backend.port.name !== undefined ? p.name === backend.port.name : p.port === backend.port.number),
      }))),
      ...ofKind(objects, 'HTTPRoute').flatMap((route) => route.spec.rules.flatMap((rule: K8sObject) => rule.backendRefs.map((backend: K8sObject) => ({
        from: ref(route),
        service: backend.name,
        port: (p: K8sObject) => p.port === backend.port,
      })))),
    ];
    t.ok(edgeBackends.length > 0, 'the overlay has an edge (Ingress or HTTPRoute)');
    for (const backend of edgeBackends) {
      const service = named('Service', backend.service);
      t.ok(service, `${backend.from} routes to a rendered Service ${backend.service}`);
      if (!service || !selects(service.spec.selector, podLabels)) continue;
      const ports = service.spec.ports.filter(backend.port);
      t.equal(ports.length, 1, `${backend.from} names one port of ${ref(service)}`);
      for (const port of ports) t.notOk(reachesContainerPort(port, 'admin', adminNumber), `${backend.from} → ${ref(service)}:${port.port} is not the admin port`);
      // Even an unnamed-port edge: the routed Service must not carry the admin port at all.
      t.notOk(service.spec.ports.some((p: K8sObject) => reachesContainerPort(p, 'admin', adminNumber)), `${ref(service)} (routed by ${backend.from}) has no admin port`);
    }
    for (const service of gatewayServices) {
      if (!service.spec.ports.some((p: K8sObject) => reachesContainerPort(p, 'admin', adminNumber))) continue;
      t.not(service.spec.type ?? 'ClusterIP', 'NodePort', `${ref(service)} (admin) is not a NodePort`);
      t.not(service.spec.type ?? 'ClusterIP', 'LoadBalancer', `${ref(service)} (admin) is not a LoadBalancer`);
      t.notOk(edgeBackends.some((b) => b.service === service.metadata.name), `${ref(service)} (admin) is never an edge backend`);
    }

    for (const monitor of ofKind(objects, 'ServiceMonitor')) {
      const selected = gatewayServices.filter((s) => selects(monitor.spec.selector.matchLabels, s.metadata.labels));
      t.equal(selected.length, 1, `${ref(monitor)} selects one gateway Service`);
      for (const endpoint of monitor.spec.endpoints) {
        const port = selected[0]?.spec.ports.find((p: K8sObject) => p.name === endpoint.port);
        t.ok(port && reachesContainerPort(port, 'admin', adminNumber), `${ref(monitor)} scrapes port ${endpoint.port}, the admin listener`);
        t.equal(endpoint.path, '/metrics', `${ref(monitor)} scrapes /metrics`);
      }
    }

    for (const policy of ofKind(objects, 'NetworkPolicy').filter((p) => selects(p.spec.podSelector.matchLabels, podLabels))) {
      const admitsAdmin = (rule: K8sObject) => !rule.ports || rule.ports.some((p: K8sObject) => p.port === 'admin' || Number(p.port) === adminNumber ||
        (p.endPort !== undefined && Number(p.port) <= adminNumber && adminNumber <= p.endPort));
      const adminRules = policy.spec.ingress.filter(admitsAdmin);
      t.ok(adminRules.length > 0, `${ref(policy)} admits the admin port from somewhere (monitoring)`);
      for (const rule of adminRules) {
        t.ok(rule.from?.length > 0, `${ref(policy)}: an admin rule names its sources (not everyone)`);
        for (const peer of rule.from ?? []) {
          t.same(peer.namespaceSelector?.matchLabels, { 'kubernetes.io/metadata.name': 'monitoring' }, `${ref(policy)}: admin only from the monitoring namespace`);
          t.notOk(peer.ipBlock, `${ref(policy)}: no ipBlock reaches the admin port`);
        }
      }
    }
  });
}
