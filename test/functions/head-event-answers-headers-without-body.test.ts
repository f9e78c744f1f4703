// HEAD through the HTTP trigger answers the same status and headers as GET, with an empty body.
import t from 'tap';
import { handler } from '../../functions/handler.js';
import { asBuffer, context, getProduct, headProduct } from '../fixtures/fc-events.js';

t.test('HEAD mirrors GET without a body', async (t) => {
  const get = await handler(asBuffer(getProduct), context) as { statusCode: number; headers: Record<string, string>; body: string };
  const head = await handler(asBuffer(headProduct), context) as { statusCode: number; headers: Record<string, string>; body: string };
  t.equal(head.statusCode, 200);
  t.same(head.headers, get.headers);
  t.equal(head.body, '');
  t.not(get.body, '', 'GET of the same page has a body');
});
