// The gateway with OFFLOAD=local-only (no FC at all) passes the render contract with local pages.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { renderContract } from './render-contract.js';

const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only' } });
renderContract(t, async ({ url, headers, method = 'GET' }) => {
  const response = await fetch(gateway.url + url, { method, headers, redirect: 'manual' });
  return { status: response.status, headers: Object.fromEntries(response.headers), html: await response.text() };
}, { renderBy: 'local' });
