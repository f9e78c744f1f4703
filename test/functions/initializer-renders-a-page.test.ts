// The FC initializer hook builds the renderer and renders once; it rejects when the renderer cannot start,
// so FC marks the instance as failed instead of serving errors.
import t from 'tap';

t.test('with a valid configuration the initializer resolves and later requests render', async (t) => {
  const { handler, initialize } = await import('../../functions/handler.js');
  await t.resolves(initialize({ requestId: 'init' }));
  t.match(await handler({ url: '/', headers: {} }), { status: 200 });
});

t.test('with an invalid SITE_ORIGIN the initializer rejects naming the variable', async (t) => {
  process.env.SITE_ORIGIN = 'not a url';
  t.teardown(() => { delete process.env.SITE_ORIGIN; });
  const { initialize } = await import(`../../functions/handler.js?fresh=${Date.now()}`);
  await t.rejects(initialize({ requestId: 'init' }), /SITE_ORIGIN/);
});
