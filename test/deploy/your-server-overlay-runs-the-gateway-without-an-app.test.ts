/**
 * k8s/overlays/your-server ("any SSR server" mode) renders a gateway whose environment loads with no
 * in-process app (SSR_APP=off, fc-first, FC_URL and FALLBACK_URL to your server's Service), and whose
 * NetworkPolicy lets it reach your server's pods through the documented label.
 */
import t from 'tap';
import { loadConfig } from '../../server/config.js';
import { findKubectl, KUBECTL_MISSING, ofKind, renderOverlay } from './helpers/kustomize.js';

const kubectl = findKubectl();
if (!kubectl) t.fail(KUBECTL_MISSING);

t.test('the your-server overlay', async (t) => {
  if (!kubectl) return;
  const objects = renderOverlay(kubectl, 'your-server');
  const configMap = ofKind(objects, 'ConfigMap').find((object) => object.metadata.name.startsWith('ssr-gateway'))!;
  t.ok(configMap, 'the gateway ConfigMap is rendered');
  const config = loadConfig(configMap.data as Record<string, string>);
  t.equal(config.ssrApp.off, true, 'SSR_APP=off: no app is loaded in the gateway');
  t.equal(config.offload, 'fc-first');
  t.match(config.fc.url, /^https:\/\/.+-vpc\.fcapp\.run/, 'FC_URL is an intranet HTTP trigger');
  t.match(config.fallbackUrl, /\.svc\.cluster\.local:\d+/, 'FALLBACK_URL is your server\'s Service');
  t.notOk(config.proxyRoutes.some((route) => route.prefix === '/assets'), 'your static files are not routed to /assets (the gateway\'s own)');
  t.ok(ofKind(objects, 'Deployment').some((object) => object.metadata.name === 'ssr-gateway'), 'the gateway Deployment');
  t.notOk(ofKind(objects, 'Deployment').some((object) => object.metadata.name === 'ssr-renderer'), 'no ssr-offload renderer: your server is the fallback');
  const policy = ofKind(objects, 'NetworkPolicy').find((object) => object.metadata.name === 'ssr-gateway')!;
  const reachesLabel = policy.spec.egress.some((rule: { to?: Array<{ podSelector?: { matchLabels?: Record<string, string> } }> }) =>
    rule.to?.some((peer) => peer.podSelector?.matchLabels?.['ssr-offload/proxied-by-gateway'] === 'true'));
  t.ok(reachesLabel, 'egress to pods labelled ssr-offload/proxied-by-gateway=true (label your server\'s pods)');
});
