// The SDK transport's payload {url, headers} gets {status, headers, html} back (FC returns it as JSON).
import t from 'tap';
import { handler } from '../../functions/handler.js';
import { toRenderRequest } from '../../functions/invoke-payload.js';
import { asBuffer, context, invokeProduct } from '../fixtures/fc-events.js';

t.test('the payload is rendered and answered as JSON', async (t) => {
  t.same(toRenderRequest(invokeProduct), { url: '/products/1001?ref=home', headers: { 'accept-language': 'en' } });
  const answer = await handler(asBuffer(invokeProduct), context);
  t.same(Object.keys(answer).sort(), ['headers', 'html', 'status']);
  t.match(answer, { status: 200, headers: { 'content-type': /^text\/html/ }, html: /Northwind Goods/ });
  t.match(await handler(asBuffer({ url: '/no/such/page', headers: {} }), context), { status: 404 }, 'page statuses pass through');
});
