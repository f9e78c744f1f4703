// With ADMIN_TOKEN set, a mutating admin endpoint runs only for `Authorization: Bearer <ADMIN_TOKEN>`
// (scheme case-insensitive); a missing, malformed or wrong token answers 401 with
// `WWW-Authenticate: Bearer` (RFC 6750 §3) and the handler never runs.
import t from 'tap';
import { requireAdminToken } from '../../server/admin/require-admin-token.js';
import { startGateway } from '../helpers/gateway.js';

const TOKEN = 's3cret-Admin-token-0123456789';

t.test('ADMIN_TOKEN configured', async (t) => {
  let ran = 0;
  const gateway = await startGateway(t, {
    emulator: false,
    env: { OFFLOAD: 'local-only', ADMIN_TOKEN: TOKEN },
    beforeListen: (app) => {
      app.admin!.post('/cache/purge', { preHandler: requireAdminToken(TOKEN) }, async () => { ran += 1; return { ok: true }; });
    },
  });
  const call = (authorization?: string) => fetch(`${gateway.adminUrl}/cache/purge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: '{}',
  });

  const refused: Array<[string | undefined, RegExp]> = [
    [undefined, /^Bearer realm="ssr-offload-admin"$/],
    [`Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`, /^Bearer /],
    ['Bearer', /^Bearer /],
    [`Bearer ${TOKEN}x`, /error="invalid_token"/],
    [`Bearer ${TOKEN.slice(0, -1)}`, /error="invalid_token"/],
    [`Bearer ${TOKEN.toUpperCase()}`, /error="invalid_token"/],
    ['Bearer wrong', /error="invalid_token"/],
  ];
  for (const [authorization, challenge] of refused) {
    const response = await call(authorization);
    t.equal(response.status, 401, `Authorization ${authorization ?? '(none)'} → 401`);
    t.match(response.headers.get('www-authenticate'), challenge, 'with a Bearer challenge');
    t.equal(response.headers.get('cache-control'), 'no-store');
    t.notMatch(await response.text(), TOKEN, 'the answer never contains the token');
  }
  t.equal(ran, 0, 'no refused call reached the handler');

  for (const authorization of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`]) {
    const response = await call(authorization);
    t.equal(response.status, 200, `${authorization.split(' ')[0]} <token> → 200`);
    t.same(await response.json(), { ok: true });
  }
  t.equal(ran, 2, 'the handler ran for each authorised call');
});
