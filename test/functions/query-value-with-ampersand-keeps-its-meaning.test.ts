// FC hands the query as a decoded map; a value containing & and = must not split into extra parameters.
import t from 'tap';
import { toRenderRequest } from '../../functions/fc-event.js';
import { handler } from '../../functions/handler.js';
import { asBuffer, context, searchWithAmpersand } from '../fixtures/fc-events.js';
import { parsePage } from '../helpers/page.js';

t.test('the rebuilt URL carries exactly the two parameters FC gave', async (t) => {
  const { request } = toRenderRequest(searchWithAmpersand);
  const url = new URL(request.url, 'http://x');
  t.equal(url.pathname, '/search');
  t.same([...url.searchParams], [['q', 'salt & pepper=spice'], ['page', '1']]);
});

t.test('the search page shows the whole query', async (t) => {
  const response = await handler(asBuffer(searchWithAmpersand), context) as { statusCode: number; body: string };
  t.equal(response.statusCode, 200);
  t.equal(parsePage(response.body).h1, 'Results for “salt & pepper=spice”');
});
