/**
 * Every HTTP probe path in every rendered Deployment exists on the app and answers 200 (the renderer
 * host carries the same health plugin as every role; the gateway is also probed live by
 * image-runtime-stage-serves-every-role.test.ts).
 */
import t from 'tap';
import { loadConfig } from '../../server/config.js';
import { buildRenderer } from '../../server/renderer.js';
import { findKubectl, KUBECTL_MISSING, ofKind, overlayNames, renderOverlay } from './helpers/kustomize.js';

const kubectl = findKubectl();
if (!kubectl) t.fail(KUBECTL_MISSING);

const paths = new Set<string>();
for (const overlay of kubectl ? overlayNames() : []) {
  for (const deployment of ofKind(renderOverlay(kubectl!, overlay), 'Deployment')) {
    for (const container of deployment.spec.template.spec.containers) {
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        if (container[probe]?.httpGet?.path) paths.add(container[probe].httpGet.path);
      }
    }
  }
}

t.test('probe paths answer 200 while running and readiness turns 503 on shutdown', async (t) => {
  t.ok(paths.size > 0, 'the manifests declare probe paths');
  const app = buildRenderer(loadConfig({ ROLE: 'renderer', LOG_LEVEL: 'silent' }));
  t.teardown(() => app.close());
  await app.ready();
  await app.whenWarm();
  for (const path of paths) {
    const response = await app.inject({ method: 'GET', url: path });
    t.equal(response.statusCode, 200, `GET ${path} → 200`);
  }
  app.beginShutdown();
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 503, 'GET /readyz → 503 once shutdown begins');
});
