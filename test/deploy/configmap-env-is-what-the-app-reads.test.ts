/**
 * Every environment variable a rendered pod gets from a ConfigMap or `env` is one the app reads
 * (server/config.ts CONFIG_VARIABLES, plus NODE_ENV/NODE_OPTIONS and the ALIBABA_CLOUD_* credential
 * chain), and the resulting environment passes `loadConfig` — the pods would start. Files the env names
 * (SITES_FILE) are read from the ConfigMap volumes the pod mounts, so a sites file that does not parse
 * fails here too.
 */
import t from 'tap';
import { CONFIG_VARIABLES } from '../../server/config.js';
import { findKubectl, KUBECTL_MISSING, ofKind, overlayNames, ref, renderOverlay } from './helpers/kustomize.js';
import { loadPodConfig, volumeConfigMaps } from './helpers/mounted-files.js';

const kubectl = findKubectl();
if (!kubectl) t.fail(KUBECTL_MISSING);

const allowed = (name: string) => (CONFIG_VARIABLES as readonly string[]).includes(name) ||
  name === 'NODE_ENV' || name === 'NODE_OPTIONS' || name.startsWith('ALIBABA_CLOUD_');

for (const overlay of kubectl ? overlayNames() : []) {
  t.test(`overlay ${overlay}`, async (t) => {
    const objects = renderOverlay(kubectl!, overlay);
    // Dashboards for the Grafana sidecar, and ConfigMaps pods mount as volumes, are files, not environment.
    const mounted = new Set(ofKind(objects, 'Deployment').flatMap((deployment) => volumeConfigMaps(deployment.spec.template.spec)));
    for (const configMap of ofKind(objects, 'ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard !== '1' && !mounted.has(c.metadata.name))) {
      const unknown = Object.keys(configMap.data ?? {}).filter((name) => !allowed(name));
      t.same(unknown, [], `${ref(configMap)} only sets variables the app reads`);
    }
    for (const deployment of ofKind(objects, 'Deployment')) {
      for (const container of deployment.spec.template.spec.containers) {
        const env: Record<string, string> = {};
        for (const source of container.envFrom ?? []) {
          if (!source.configMapRef) continue;
          const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === source.configMapRef.name);
          Object.assign(env, configMap?.data);
        }
        for (const entry of container.env ?? []) {
          t.ok(allowed(entry.name), `${ref(deployment)} env ${entry.name} is read by the app`);
          if (entry.value !== undefined) env[entry.name] = entry.value;
        }
        t.ok(env.ROLE, `${ref(deployment)} sets ROLE`);
        const podConfig = () => loadPodConfig(objects, deployment.spec.template.spec, container, env);
        t.doesNotThrow(podConfig, `${ref(deployment)} environment passes loadConfig`);
        const config = podConfig();
        t.equal(config.host, '0.0.0.0', `${ref(deployment)} listens on all interfaces (probes hit the pod IP)`);
        const port = container.ports.find((p: { name: string }) => p.name === 'http')?.containerPort;
        t.equal(config.port, port, `${ref(deployment)} listens on the declared containerPort`);
        if (config.role === 'gateway') t.equal(config.fc.useEmulator, false, `${ref(deployment)} never starts the FC emulator`);
      }
    }
  });
}
