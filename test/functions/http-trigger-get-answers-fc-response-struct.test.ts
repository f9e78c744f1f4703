// A GET HTTP-trigger event (Buffer of JSON, as FC sends it) gets FC's response struct with the page.
import t from 'tap';
import { handler } from '../../functions/handler.js';
import { asBuffer, context, getProduct } from '../fixtures/fc-events.js';

t.test('GET /products/1001 answers 200 with the page in a plain-text body', async (t) => {
  const response = await handler(asBuffer(getProduct), context);
  t.same(Object.keys(response).sort(), ['body', 'headers', 'isBase64Encoded', 'statusCode']);
  t.match(response, { statusCode: 200, isBase64Encoded: false, headers: { 'content-type': /^text\/html/ } });
  t.match((response as { body: string }).body, /<title>[^<]*\| Northwind Goods<\/title>/);
});

t.test('FC-reserved response headers are never set', async (t) => {
  const { headers } = await handler(asBuffer(getProduct), context);
  for (const name of Object.keys(headers)) {
    t.notMatch(name, /^(content-length|date|connection|keep-alive|server|x-fc-|content-disposition)/, name);
  }
});

t.test('the event may also arrive as a string or an already-parsed object', async (t) => {
  t.equal((await handler(JSON.stringify(getProduct), context) as { statusCode: number }).statusCode, 200);
  t.equal((await handler(getProduct, context) as { statusCode: number }).statusCode, 200);
});
