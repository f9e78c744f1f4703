/**
 * request → site: every public request is tied to the site its `Host` names before any route runs, so
 * pages, assets and proxied routes are only ever served for a host a site claims. A host nothing claims gets
 * the 404 "site not found" page with nothing rendered and nothing called (and nothing from another site);
 * when the lookup API is down and has no earlier answer, a 503 to retry.
 *
 * Only the `Host` header is read (the HTTP/1.1 authority; RFC 9110 §7.2): `X-Forwarded-Host` is what a
 * client may write freely, and the ingress in front passes the client's Host through unchanged.
 * `/healthz` and `/readyz` answer whatever the Host: kubelet probes send the pod's IP.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { sendErrorPage } from '../error-page.js';
import type { BuiltSite } from '../sites/build-site.js';
import type { SiteRegistry } from '../sites/site-registry.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The site this request's Host belongs to (set before routing; undefined only on health probes). */
    site?: BuiltSite;
  }
}

export interface SiteRoutingOptions {
  registry: SiteRegistry;
  onUnknownHost?: () => void;
}

const PROBE_PATHS = new Set(['/healthz', '/readyz']);

function notFound(reply: FastifyReply, onUnknownHost: (() => void) | undefined): void {
  onUnknownHost?.();
  reply.logFields.outcome = 'unknown-host';
  sendErrorPage(reply, 'SSR_ERR_SITE_NOT_FOUND');
}

async function siteRouting(app: FastifyInstance, { registry, onUnknownHost }: SiteRoutingOptions) {
  app.decorateRequest('site', undefined);
  // Callback style (no promise per request) unless the lookup API must be asked.
  app.addHook('onRequest', (request, reply, done) => {
    if (PROBE_PATHS.has(request.url)) return done();
    let found: ReturnType<SiteRegistry['resolve']>;
    try {
      found = registry.resolve(request.headers.host);
    } catch (error) {
      return done(error as Error);
    }
    if (found === undefined) return notFound(reply, onUnknownHost);
    if (!(found instanceof Promise)) {
      request.site = found;
      return done();
    }
    found.then((site) => {
      if (site === undefined) return notFound(reply, onUnknownHost);
      request.site = site;
      done();
    }, (error: unknown) => {
      request.log.warn({ err: error }, 'site lookup failed');
      sendErrorPage(reply.header('retry-after', '5'), 'SSR_ERR_SITE_LOOKUP');
    });
  });
}

export default fp(siteRouting, { name: 'site-routing' });
