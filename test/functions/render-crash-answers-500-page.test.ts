// When the render itself throws, FC gets a complete 500 page, not a function error.
import t from 'tap';
import { createHandler } from '../../functions/invocation.js';
import { asBuffer, context, getProduct, invokeProduct } from '../fixtures/fc-events.js';

const failures: Array<{ code?: string }> = [];
const handler = createHandler(() => async () => { throw new Error('boom'); }, { onFailure: (error) => failures.push(error) });

t.test('a throwing render becomes a 500 page', async (t) => {
  t.match(await handler(asBuffer(getProduct), context), { statusCode: 500, headers: { 'cache-control': 'no-store' }, body: /Something went wrong/ });
  t.match(await handler(asBuffer(invokeProduct), context), { status: 500, html: /Something went wrong/ });
  t.notMatch(JSON.stringify(await handler(asBuffer(getProduct), context)), /boom/, 'the error message is not shown to visitors');
  t.equal(failures[0]?.code, 'SSR_ERR_RENDER');
});
