/**
 * `GET /status` (the page), `GET /status.json` (its data) and, with the embedded FC emulator only,
 * `GET|PUT /status/emulator/faults` (the demo's fault knobs, passed to the emulator's own admin endpoint).
 * Registered on the admin listener only, never on the public port.
 *
 * The fault knobs are a mutating endpoint. With `ADMIN_TOKEN` set they need the bearer token like every
 * other mutating admin call. Without one they stay open only while the admin listener is bound to
 * loopback: the emulator exists only in the local `npm start` demo (no FC target configured), where a
 * newcomer should be able to break "FC" from the page; bodies must be JSON, so a cross-site form or
 * simple request cannot change them (a JSON request from another origin needs a CORS preflight this
 * listener never answers: https://fetch.spec.whatwg.org/#cors-safelisted-request-header).
 */
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { requireAdminToken } from './require-admin-token.js';
import { createMetricWindow } from './metric-window.js';
import { STATUS_PAGE_HTML } from './status-page-html.js';
import { summarizeStatus, type StatusSettings } from './status-summary.js';
import { startDeadline } from '../call-deadline.js';

export interface StatusPageOptions extends StatusSettings {
  registry: Registry;
  /** `config.admin.token`. */
  adminToken: string | undefined;
  /** `config.admin.host`: without a token the knobs are open only on loopback. */
  adminHost: string;
  /** Snapshot interval; default 1000 ms. */
  sampleIntervalMs?: number;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self' http: https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export default async function statusPage(admin: FastifyInstance, options: StatusPageOptions) {
  const window = createMetricWindow({ registry: options.registry, ...(options.sampleIntervalMs ? { intervalMs: options.sampleIntervalMs } : {}) });
  admin.addHook('onClose', async () => window.stop());
  const knobsOpen = options.adminToken === undefined && LOOPBACK.test(options.adminHost);

  admin.get('/status', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', CSP).header('x-content-type-options', 'nosniff').send(STATUS_PAGE_HTML));

  admin.get('/status.json', async (_request, reply) => {
    const summary = summarizeStatus(window.snapshots(), options);
    const body = summary.emulator ? { ...summary, emulator: { ...summary.emulator, tokenRequired: !knobsOpen } } : summary;
    return reply.header('cache-control', 'no-store').send(body);
  });

  const emulatorUrl = options.emulatorUrl;
  if (!emulatorUrl) return;
  const faultsUrl = new URL('/__emulator/faults', emulatorUrl).href;
  admin.get('/status/emulator/faults', async (_request, reply) => {
    const deadline = startDeadline(5000, undefined, 'the emulator');
    try {
      const response = await fetch(faultsUrl, { signal: deadline.signal });
      return reply.code(response.status).header('cache-control', 'no-store').type('application/json').send(await response.text());
    } finally {
      deadline.clear();
    }
  });
  admin.put('/status/emulator/faults', {
    // Before the body is parsed: a CORS-safelisted type (text/plain, a form) never reaches the emulator.
    onRequest: (request, reply, done) => {
      if (/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) done();
      else void reply.code(415).header('cache-control', 'no-store').send({ error: 'unsupported media type', message: 'Send the knobs as application/json.' });
    },
    ...(knobsOpen ? {} : { preHandler: requireAdminToken(options.adminToken) }),
    schema: { body: { type: 'object' } },
  }, async (request, reply) => {
    // A timer the call holds (server/call-deadline.ts), not an AbortSignal.timeout a GC could collect.
    const deadline = startDeadline(5000, undefined, 'the emulator');
    try {
      const response = await fetch(faultsUrl, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request.body),
        signal: deadline.signal,
      });
      request.log.warn({ faults: request.body, status: response.status }, 'emulator fault knobs changed from the status page');
      return reply.code(response.status).header('cache-control', 'no-store').type('application/json').send(await response.text());
    } finally {
      deadline.clear();
    }
  });
}
