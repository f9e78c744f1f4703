/**
 * Every pod meets the Restricted Pod Security Standard (plus a read-only root with /tmp as emptyDir),
 * has requests/limits and spreads over zones, and its shutdown timing adds up:
 * the pod keeps serving after termination starts (preStop sleep or SHUTDOWN_DELAY_MS),
 * terminationGracePeriodSeconds > preStop sleep + SHUTDOWN_GRACE_MS, and SHUTDOWN_GRACE_MS covers
 * SHUTDOWN_DELAY_MS plus the longest request the edge allows (Ingress proxy-read-timeout, HTTPRoute
 * timeouts.request).
 */
import t from 'tap';
import { findKubectl, KUBECTL_MISSING, ofKind, overlayNames, ref, renderOverlay, type K8sObject } from './helpers/kustomize.js';

const kubectl = findKubectl();
if (!kubectl) t.fail(KUBECTL_MISSING);

function seconds(duration: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(duration.trim());
  if (!match) throw new Error(`cannot read duration ${duration}`);
  const value = Number(match[1]);
  return match[2] === 'ms' ? value / 1000 : match[2] === 'm' ? value * 60 : value;
}

function bytes(quantity: string): number {
  const match = /^(\d+)(Ki|Mi|Gi)?$/.exec(quantity);
  if (!match) throw new Error(`cannot read quantity ${quantity}`);
  return Number(match[1]) * ({ Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 }[match[2] as 'Ki'] ?? 1);
}

for (const overlay of kubectl ? overlayNames() : []) {
  t.test(`overlay ${overlay}`, async (t) => {
    const objects = renderOverlay(kubectl!, overlay);
    const configMap = (name: string) => objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name)?.data ?? {};
    const edgeSeconds = [
      ...ofKind(objects, 'Ingress').map((i) => Number(i.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout'] ?? 60)),
      ...ofKind(objects, 'HTTPRoute').flatMap((r) => r.spec.rules.map((rule: K8sObject) => rule.timeouts?.request ? seconds(rule.timeouts.request) : Infinity)),
    ];
    for (const namespace of ofKind(objects, 'Namespace')) {
      t.equal(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted', `${ref(namespace)} enforces the Restricted standard`);
    }
    for (const deployment of ofKind(objects, 'Deployment')) {
      const pod = deployment.spec.template.spec;
      const name = ref(deployment);
      t.equal(pod.securityContext.runAsNonRoot, true, `${name} runAsNonRoot`);
      t.ok(Number.isInteger(pod.securityContext.runAsUser) && pod.securityContext.runAsUser > 0, `${name} runs as a numeric non-root uid`);
      t.equal(pod.securityContext.seccompProfile?.type, 'RuntimeDefault', `${name} seccomp RuntimeDefault`);
      t.equal(pod.automountServiceAccountToken, false, `${name} does not mount an API token`);
      t.ok(pod.topologySpreadConstraints?.some((c: K8sObject) => c.topologyKey === 'topology.kubernetes.io/zone'), `${name} spreads over zones`);
      const tmpVolumes = new Set((pod.volumes ?? []).filter((v: K8sObject) => v.emptyDir).map((v: K8sObject) => v.name));
      for (const container of pod.containers) {
        const where = `${name} container ${container.name}`;
        const sc = container.securityContext ?? {};
        t.equal(sc.allowPrivilegeEscalation, false, `${where} allowPrivilegeEscalation false`);
        t.equal(sc.readOnlyRootFilesystem, true, `${where} read-only root filesystem`);
        t.same(sc.capabilities?.drop, ['ALL'], `${where} drops ALL capabilities`);
        t.ok(sc.runAsNonRoot !== false && (sc.seccompProfile?.type ?? 'RuntimeDefault') === 'RuntimeDefault', `${where} keeps the pod's non-root/seccomp settings`);
        t.ok(container.volumeMounts?.some((m: K8sObject) => m.mountPath === '/tmp' && tmpVolumes.has(m.name)), `${where} has an emptyDir at /tmp`);
        for (const kind of ['requests', 'limits']) {
          t.ok(container.resources?.[kind]?.cpu && container.resources?.[kind]?.memory, `${where} sets cpu and memory ${kind}`);
        }
        t.equal(container.resources.requests.memory, container.resources.limits.memory, `${where} memory request = limit`);
        for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) t.ok(container[probe]?.httpGet, `${where} has an HTTP ${probe}`);

        const env: Record<string, string> = {};
        for (const source of container.envFrom ?? []) if (source.configMapRef) Object.assign(env, configMap(source.configMapRef.name));
        for (const entry of container.env ?? []) if (entry.value !== undefined) env[entry.name] = entry.value;
        t.equal(env.NODE_ENV, 'production', `${where} NODE_ENV=production`);
        const heap = /--max-old-space-size=(\d+)/.exec(env.NODE_OPTIONS ?? '');
        t.ok(heap && Number(heap[1]) * 1024 ** 2 <= 0.8 * bytes(container.resources.limits.memory),
          `${where} V8 heap (${heap?.[1]} MB) leaves room under the memory limit`);

        // Endpoints stop routing here concurrently with SIGTERM: something must keep serving meanwhile,
        // either a preStop sleep (the app does not know yet) or the app's own SHUTDOWN_DELAY_MS window.
        const sleep = Number(container.lifecycle?.preStop?.sleep?.seconds ??
          container.lifecycle?.preStop?.exec?.command?.at(-1) ?? 0);
        const delaySeconds = Number(env.SHUTDOWN_DELAY_MS ?? 0) / 1000;
        t.ok(sleep + delaySeconds > 0, `${where} keeps serving after termination starts (preStop ${sleep}s + SHUTDOWN_DELAY_MS ${delaySeconds}s)`);
        const graceSeconds = Number(env.SHUTDOWN_GRACE_MS ?? 10_000) / 1000;
        t.ok(delaySeconds < graceSeconds, `${where} SHUTDOWN_DELAY_MS ${delaySeconds}s fits inside SHUTDOWN_GRACE_MS ${graceSeconds}s`);
        t.ok(pod.terminationGracePeriodSeconds > sleep + graceSeconds,
          `${where} terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} > preStop ${sleep} + SHUTDOWN_GRACE_MS ${graceSeconds}s`);
        if (env.ROLE === 'gateway') {
          const longest = Math.max(...edgeSeconds, Number(env.FC_TIMEOUT_MS ?? 3000) / 1000);
          t.ok(Number.isFinite(longest), `${where} the edge bounds request time`);
          // A request accepted at the very end of the delay window may take the longest time.
          t.ok(graceSeconds >= delaySeconds + longest, `${where} SHUTDOWN_GRACE_MS ${graceSeconds}s covers SHUTDOWN_DELAY_MS ${delaySeconds}s + the longest request (${longest}s)`);
        }
      }
    }
  });
}
