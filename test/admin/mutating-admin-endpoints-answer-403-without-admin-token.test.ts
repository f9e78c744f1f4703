// With ADMIN_TOKEN unset, a mutating admin endpoint is disabled: every call answers 403, whatever
// Authorization header it carries, and the handler never runs. Read-only /metrics still answers.
import t from 'tap';
import { requireAdminToken } from '../../server/admin/require-admin-token.js';
import { startGateway } from '../helpers/gateway.js';

t.test('no ADMIN_TOKEN configured', async (t) => {
  let ran = 0;
  const gateway = await startGateway(t, {
    emulator: false,
    env: { OFFLOAD: 'local-only' },
    beforeListen: (app) => {
      // A stand-in mutating endpoint, registered the way features register theirs.
      app.admin!.post('/cache/purge', { preHandler: requireAdminToken(undefined) }, async () => { ran += 1; return { ok: true }; });
    },
  });
  for (const authorization of [undefined, 'Bearer anything-at-all-0123456789', 'Basic YWRtaW46YWRtaW4=', 'Bearer ']) {
    const response = await fetch(`${gateway.adminUrl}/cache/purge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: '{"urls":["/"]}',
    });
    t.equal(response.status, 403, `Authorization ${authorization ?? '(none)'} → 403`);
    t.equal(response.headers.get('www-authenticate'), null, 'no credentials challenge: no credential can help');
    t.match(await response.json(), { error: 'forbidden', message: /ADMIN_TOKEN/ }, 'the answer says how to enable it');
  }
  t.equal(ran, 0, 'the handler never ran');
  t.equal((await fetch(`${gateway.adminUrl}/metrics`)).status, 200, '/metrics is read-only and needs no token');
});
