// ROLE=renderer (the in-cluster FALLBACK_URL Service) with SSR_APP=examples/vue-blog passes the render contract.
import t from 'tap';
import { loadConfig } from '../../server/config.js';
import { buildRenderer } from '../../server/renderer.js';
import { VUE_BLOG, renderContract } from '../contract/render-contract.js';
import { EXAMPLE_DIR, assertExampleBuilt } from '../helpers/example-app.js';

assertExampleBuilt();
const app = buildRenderer(loadConfig({ ROLE: 'renderer', SITE_ORIGIN: VUE_BLOG.siteOrigin, LOG_LEVEL: 'silent', SSR_APP: EXAMPLE_DIR }));
t.teardown(() => app.close());
renderContract(t, async ({ url, headers, method = 'GET' }) => {
  const response = await app.inject({ method, url, headers });
  return { status: response.statusCode, headers: response.headers as Record<string, string>, html: response.body };
}, { renderBy: 'local', app: VUE_BLOG });
