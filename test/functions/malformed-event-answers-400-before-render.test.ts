// A malformed event or payload gets a 400 answer and the app never runs.
import t from 'tap';
import { createHandler } from '../../functions/invocation.js';
import { asBuffer, context, invokeWithoutUrl, missingMethod, missingRawPath, notJson, postProduct } from '../fixtures/fc-events.js';

let renders = 0;
const handler = createHandler(() => async () => {
  renders += 1;
  return { status: 200, headers: {}, html: 'page' };
});

t.test('bytes that are not JSON: 400 in the direct-invoke shape (FC always sends JSON events)', async (t) => {
  t.match(await handler(notJson, context), { status: 400, html: /Bad request/ });
});

t.test('an event without rawPath: 400 in the FC response shape', async (t) => {
  t.match(await handler(asBuffer(missingRawPath), context), { statusCode: 400, body: /Bad request/ });
});

t.test('an event without requestContext.http.method: 400', async (t) => {
  t.match(await handler(asBuffer(missingMethod), context), { statusCode: 400 });
});

t.test('a direct-invoke payload without url: 400', async (t) => {
  t.match(await handler(asBuffer(invokeWithoutUrl), context), { status: 400 });
});

t.test('a POST event: 405 with Allow', async (t) => {
  t.match(await handler(asBuffer(postProduct), context), { statusCode: 405, headers: { allow: 'GET, HEAD' } });
});

t.test('JSON that is not an object (null, a number): 400', async (t) => {
  t.match(await handler(Buffer.from('null'), context), { status: 400 });
  t.match(await handler(Buffer.from('42'), context), { status: 400 });
});

t.test('the render never ran', async (t) => {
  t.equal(renders, 0);
});
