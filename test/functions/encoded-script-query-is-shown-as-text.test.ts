// /search?q=%3Cscript%3E… through FC: the query is shown as text and never becomes a script element.
import t from 'tap';
import { toRenderRequest } from '../../functions/fc-event.js';
import { handler } from '../../functions/handler.js';
import { asBuffer, context, searchScript } from '../fixtures/fc-events.js';
import { parsePage } from '../helpers/page.js';

t.test('the query is text, not markup', async (t) => {
  t.equal(toRenderRequest(searchScript).request.url, '/search?q=%3Cscript%3Ealert%281%29%3C%2Fscript%3E', 'the value is re-encoded');
  const response = await handler(asBuffer(searchScript), context) as { statusCode: number; body: string };
  t.equal(response.statusCode, 200);
  const page = parsePage(response.body);
  t.equal(page.h1, 'Results for “<script>alert(1)</script>”');
  t.notOk(page.root.querySelectorAll('script').some((script) => /alert\(1\)/.test(script.rawText) && !/json/.test(script.getAttribute('type') ?? '')));
});
