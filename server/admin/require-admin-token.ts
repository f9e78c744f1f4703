/**
 * Bearer-token guard for mutating admin endpoints (RFC 6750 §2.1 `Authorization: Bearer <token>`).
 * No token configured = the endpoint is disabled (403), so a fresh install never exposes purge or reload
 * to whoever reaches the admin port. A missing or wrong token answers 401 with `WWW-Authenticate: Bearer`
 * (RFC 6750 §3). The comparison runs in constant time over SHA-256 digests, so neither the token's
 * content nor its length leaks through response timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';

const REALM = 'ssr-offload-admin';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The token from `Authorization: Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1), if any. */
function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer +([\x21-\x7e]+) *$/i.exec(header) : null;
  return match?.[1];
}

/**
 * A preHandler that lets a request through only with the configured bearer token.
 * @param token `config.admin.token`; undefined answers every request 403.
 * @example
 * app.admin?.post('/cache/purge', { preHandler: requireAdminToken(config.admin.token) }, purge);
 */
export function requireAdminToken(token: string | undefined): preHandlerHookHandler {
  const expected = token === undefined ? undefined : digest(token);
  return function checkAdminToken(request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) {
    reply.header('cache-control', 'no-store');
    if (expected === undefined) {
      void reply.code(403).send({ error: 'forbidden', message: 'Mutating admin endpoints are disabled: set ADMIN_TOKEN to enable them.' });
      return;
    }
    const presented = bearerOf(request);
    if (presented === undefined) {
      void reply.code(401).header('www-authenticate', `Bearer realm="${REALM}"`).send({ error: 'unauthorized', message: 'Send Authorization: Bearer <ADMIN_TOKEN>.' });
      return;
    }
    if (!timingSafeEqual(digest(presented), expected)) {
      request.log.warn({ url: request.url }, 'admin call with a wrong bearer token');
      void reply.code(401).header('www-authenticate', `Bearer realm="${REALM}", error="invalid_token"`).send({ error: 'unauthorized', message: 'The bearer token is not valid.' });
      return;
    }
    done();
  };
}
