import t from 'tap';
import { loadConfig } from '../../server/config.js';
import { buildRenderer } from '../../server/renderer.js';
import { renderContract, SITE_ORIGIN } from './render-contract.js';

const app = buildRenderer(loadConfig({ ROLE: 'renderer', SITE_ORIGIN, LOG_LEVEL: 'silent' }));
t.teardown(() => app.close());
renderContract(t, async ({ url, headers, method = 'GET' }) => {
  const response = await app.inject({ method, url, headers });
  return { status: response.statusCode, headers: response.headers as Record<string, string>, html: response.body };
}, { renderBy: 'local' });
