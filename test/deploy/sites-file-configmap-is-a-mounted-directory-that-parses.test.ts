/**
 * The multi-site overlay's sites file reaches the gateway as the app expects and can be changed while it
 * runs: a ConfigMap without a name hash (an edit updates it in place), mounted as a directory (a subPath
 * mount never receives ConfigMap updates: docs/sources.md#configmap-updates) with SITES_FILE inside it;
 * the file parses with the gateway's own parser into two sites with FC targets in two regions, and the
 * edge routes every host the file names. Every overlay that sets SITES_FILE gets the same checks.
 */
import t from 'tap';
import { createHostMatcher } from '../../server/sites/host-match.js';
import { findKubectl, KUBECTL_MISSING, ofKind, overlayNames, ref, renderOverlay } from './helpers/kustomize.js';
import { loadPodConfig, mountedConfigMapFiles } from './helpers/mounted-files.js';

const kubectl = findKubectl();
if (!kubectl) t.fail(KUBECTL_MISSING);

/** The gateway container's env from its ConfigMaps, and that container. */
function gatewayOf(objects: ReturnType<typeof renderOverlay>) {
  const deployment = ofKind(objects, 'Deployment').find((candidate) => candidate.metadata.name === 'ssr-gateway')!;
  const container = deployment.spec.template.spec.containers[0];
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const configMap = source.configMapRef && objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === source.configMapRef.name);
    Object.assign(env, configMap?.data);
  }
  return { deployment, container, env };
}

t.test('there is a multi-site overlay with a sites file', async (t) => {
  t.ok(overlayNames().includes('multi-site'));
  if (kubectl) t.ok(gatewayOf(renderOverlay(kubectl, 'multi-site')).env.SITES_FILE, 'it sets SITES_FILE');
});

for (const overlay of kubectl ? overlayNames() : []) {
  const objects = renderOverlay(kubectl!, overlay);
  const { deployment, container, env } = gatewayOf(objects);
  if (!env.SITES_FILE) continue;
  t.test(`overlay ${overlay}: the sites file`, async (t) => {
    const files = mountedConfigMapFiles(objects, deployment.spec.template.spec, container);
    const file = files.find((candidate) => candidate.path === env.SITES_FILE);
    t.ok(file, `${ref(deployment)} mounts ${env.SITES_FILE} from a ConfigMap`);
    if (!file) return;
    t.equal(file.subPath, false, 'mounted as a directory, not through subPath (which never sees updates)');
    const mount = container.volumeMounts.find((candidate: any) => env.SITES_FILE!.startsWith(`${candidate.mountPath}/`));
    t.equal(mount?.readOnly, true, 'the mount is read-only');
    const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === file.configMap)!;
    t.equal(configMap.metadata.name, 'ssr-sites', 'the ConfigMap keeps its name (no hash suffix): an edit updates it in place');

    const config = loadPodConfig(objects, deployment.spec.template.spec, container, env);
    const sites = config.sites.initial!.sites;
    t.ok(sites.length >= 2, 'two sites or more');
    t.ok(sites.flatMap((site) => site.hosts).length >= 2, 'two hosts or more');
    for (const site of sites) {
      const regions = new Set(site.targets.map((target) => (target.transport === 'sdk' ? target.sdk.region : new URL(target.url).hostname.split('.').at(-3))));
      t.ok(regions.size >= 2, `site ${site.name} has targets in two regions (${[...regions].join(', ')})`);
    }

    const routes = [...ofKind(objects, 'HTTPRoute').flatMap((route) => route.spec.hostnames ?? []), ...ofKind(objects, 'Ingress').flatMap((ingress) => ingress.spec.rules.map((rule: any) => rule.host))];
    for (const host of sites.flatMap((site) => site.hosts)) t.ok(routes.includes(host), `the edge routes ${host}`);
    const siteOf = createHostMatcher(sites);
    for (const host of routes.filter((name: string) => !name.startsWith('*.'))) t.ok(siteOf(host), `every host the edge routes (${host}) has a site`);
  });
}
