// ROLE=renderer and ROLE=function (the custom runtime, which reuses the renderer) answer a
// non-canonical URL exactly as the gateway does: the same 301 or the same HTML 400 page.
import t from 'tap';
import { buildCustomRuntime } from '../../functions/custom-runtime.js';
import { loadConfig } from '../../server/config.js';
import { buildRenderer } from '../../server/renderer.js';
import { NON_CANONICAL_URLS } from '../fixtures/non-canonical-urls.js';
import { SITE_ORIGIN } from '../helpers/gateway.js';
import { rawGet } from '../helpers/raw-request.js';

const hosts = {
  renderer: () => buildRenderer(loadConfig({ ROLE: 'renderer', LOG_LEVEL: 'silent', SITE_ORIGIN }), { clientBuild: undefined }),
  'custom runtime': () => buildCustomRuntime(loadConfig({ ROLE: 'function', LOG_LEVEL: 'silent', SITE_ORIGIN }), { clientBuild: undefined }),
};

for (const [name, build] of Object.entries(hosts)) {
  t.test(name, async (t) => {
    const app = build();
    t.teardown(() => app.close());
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    for (const { url: target, expected } of NON_CANONICAL_URLS) {
      const answer = await rawGet(url, target);
      t.equal(answer.status, expected.status, `${target} → ${expected.status}`);
      if (expected.status === 301) t.equal(answer.headers.location, expected.location);
      else {
        t.match(answer.headers['content-type'], /^text\/html/);
        t.match(answer.body, /SSR_ERR_BAD_URL/);
      }
    }
  });
}
