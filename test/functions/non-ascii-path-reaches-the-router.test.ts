// A non-ASCII path is routed (404 for an unknown category), not refused as a bad URL.
import t from 'tap';
import { toRenderRequest } from '../../functions/fc-event.js';
import { handler } from '../../functions/handler.js';
import { asBuffer, context, nonAsciiPath } from '../fixtures/fc-events.js';
import { parsePage } from '../helpers/page.js';

t.test('an encoded rawPath is used as it is', async (t) => {
  t.equal(toRenderRequest(nonAsciiPath).request.url, '/category/%E9%9E%8B');
  const response = await handler(asBuffer(nonAsciiPath), context) as { statusCode: number; body: string };
  t.equal(response.statusCode, 404);
  t.equal(parsePage(response.body).h1, 'Page not found');
});

t.test('a rawPath that arrives unencoded is encoded, not rejected', async (t) => {
  const event = { ...nonAsciiPath, rawPath: '/category/鞋' };
  t.equal(toRenderRequest(event).request.url, '/category/%E9%9E%8B');
  t.equal((await handler(asBuffer(event), context) as { statusCode: number }).statusCode, 404);
});
