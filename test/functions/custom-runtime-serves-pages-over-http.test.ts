// The custom runtime is the renderer server: pages over HTTP on a loopback port pass the render contract.
import t from 'tap';
import { buildCustomRuntime } from '../../functions/custom-runtime.js';
import { loadConfig } from '../../server/config.js';
import { renderContract, SITE_ORIGIN } from '../contract/render-contract.js';

const app = buildCustomRuntime(loadConfig({ ROLE: 'function', SITE_ORIGIN, LOG_LEVEL: 'silent', PORT: '0' }));
t.teardown(() => app.close());
const base = await app.listen({ host: '127.0.0.1', port: 0 });

renderContract(t, async ({ url, headers, method = 'GET' }) => {
  const response = await fetch(new URL(url, base), { method, headers, redirect: 'manual' });
  return { status: response.status, headers: Object.fromEntries(response.headers), html: await response.text() };
}, { renderBy: 'local' });
