// The example's FC built-in bundle (examples/vue-blog/dist/function/index.mjs, the file function.zip
// ships), fed FC 3.0 HTTP-trigger events, passes the render contract; it needs no FC_ variable and
// no SSR_APP (the app is baked in at build time).
import t from 'tap';
import { VUE_BLOG, renderContract } from '../contract/render-contract.js';
import { EXAMPLE_FUNCTION, assertExampleBuilt, httpTriggerCaller } from '../helpers/example-app.js';

assertExampleBuilt();
process.env.SITE_ORIGIN = VUE_BLOG.siteOrigin;
delete process.env.SSR_APP;
t.notOk(Object.keys(process.env).some((name) => name.startsWith('FC_')), 'no FC_ variable is set');
const { handler } = await import(EXAMPLE_FUNCTION) as { handler: Parameters<typeof httpTriggerCaller>[0] };
renderContract(t, httpTriggerCaller(handler), { app: VUE_BLOG });

t.test('a direct-invoke payload (SDK transport) answers {status, headers, html}', async (t) => {
  const answer = await handler(Buffer.from(JSON.stringify({ url: VUE_BLOG.redirect.url, headers: {} })), { requestId: 'rid' } as never) as { status: number; headers: Record<string, string> };
  t.equal(answer.status, 301);
  t.equal(answer.headers.location, VUE_BLOG.redirect.location);
});
