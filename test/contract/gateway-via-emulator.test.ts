// The gateway (fc-first) in front of the FC emulator running the real function bundle passes the
// same render contract as every other host, with pages rendered by FC.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { renderContract } from './render-contract.js';

// HEDGE_MS 0: the contract says the page came from FC; a hedge would let a slow first FC call (cold start on a
// loaded machine) lose to the local render.
const gateway = await startGateway(t, { env: { OFFLOAD: 'fc-first', FC_TIMEOUT_MS: '5000', HEDGE_MS: '0' } });
renderContract(t, async ({ url, headers, method = 'GET' }) => {
  const response = await fetch(gateway.url + url, { method, headers, redirect: 'manual' });
  return { status: response.status, headers: Object.fromEntries(response.headers), html: await response.text() };
}, { renderBy: 'fc' });
