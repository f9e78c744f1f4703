// An event whose body is base64 (isBase64Encoded) still renders; the body is decoded, never rendered.
import t from 'tap';
import { eventBody } from '../../functions/fc-event.js';
import { handler } from '../../functions/handler.js';
import { asBuffer, base64Body, context } from '../fixtures/fc-events.js';

t.test('the page renders', async (t) => {
  t.same([...eventBody(base64Body)], [0, 1, 2, 3, 4, 5, 255], 'body decodes from base64');
  t.equal(eventBody({ body: 'plain', isBase64Encoded: false }).toString(), 'plain');
  const response = await handler(asBuffer(base64Body), context) as { statusCode: number; body: string };
  t.equal(response.statusCode, 200);
  t.match(response.body, /Northwind Goods/);
});
