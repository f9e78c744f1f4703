/**
 * Operator endpoints for the routes, on the admin listener: `GET /sites` (what is routed where, and the
 * state of every target) and `POST /sites/reload` (re-read SITES_FILE now, behind the bearer token
 * ADMIN_TOKEN; unset = 403). A refused file answers 422 with the reason; the running routes stay.
 */
import type { FastifyInstance } from 'fastify';
import { requireAdminToken } from '../admin/require-admin-token.js';
import { isEligible } from './target-chain.js';
import type { SiteRegistry } from './site-registry.js';
import type { ReloadOutcome } from './sites-reload.js';

export interface SitesRoutesOptions {
  registry: SiteRegistry;
  /** Undefined without SITES_FILE: there is nothing to re-read. */
  reload: ((why: 'admin') => Promise<ReloadOutcome>) | undefined;
  token: string | undefined;
}

export default async function sitesRoutes(admin: FastifyInstance, { registry, reload, token }: SitesRoutesOptions) {
  admin.get('/sites', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return {
      source: registry.source(),
      sites: registry.sites().map(({ config, members }) => ({
        name: config.name,
        hosts: config.hosts,
        default: config.default,
        origin: config.origin,
        fallback: config.fallback.kind === 'url' ? config.fallback.url : 'local',
        targets: members.map((member) => ({
          name: member.config.name,
          transport: member.config.transport,
          breaker: member.breaker.opened ? 'open' : member.breaker.halfOpen ? 'halfOpen' : 'closed',
          healthy: member.health?.healthy() ?? null,
          ...(member.health ? { healthCheck: { failures: member.health.state().failures, passes: member.health.state().passes, lastFailure: member.health.state().lastFailure ?? null } } : {}),
          eligible: isEligible(member),
        })),
      })),
    };
  });
  admin.post('/sites/reload', { onRequest: requireAdminToken(token) }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!reload) return reply.code(409).send({ error: 'no sites file', message: 'SITES_FILE is not set: the routes come from the environment and change with a restart' });
    const outcome = await reload('admin');
    return reply.code(outcome.result === 'refused' ? 422 : 200).send(outcome);
  });
}
