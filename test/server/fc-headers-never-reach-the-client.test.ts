// What FC's HTTP trigger adds to an answer (x-fc-*, content-disposition: attachment, hop-by-hop headers)
// is dropped; what the app set (cache-control, location, vary…) passes. And an answer that is not a page
// is refused with the right reason.
import t from 'tap';
import { UpstreamFailureError } from '../../server/errors.js';
import { assertPageBody, assertPageHead, pageHeaders } from '../../server/offload/page-response.js';

t.test('pageHeaders keeps the app headers only', async (t) => {
  const kept = pageHeaders({
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'public, max-age=60',
    vary: 'accept-language',
    'x-fc-request-id': '1-abc',
    'x-fc-instance-id': 'i-1',
    'content-disposition': 'attachment',
    connection: 'keep-alive, x-private-hop',
    'x-private-hop': 'secret',
    'keep-alive': 'timeout=5',
    'transfer-encoding': 'chunked',
    'content-length': '10',
    'set-cookie': ['a=1', 'b=2'],
  });
  t.same(kept, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60', vary: 'accept-language', 'set-cookie': 'a=1' });
});

function reasonOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof UpstreamFailureError ? error.reason : 'other';
  }
}

t.test('assertPageHead: app pages pass, failures get their reason', async (t) => {
  const html = { 'content-type': 'text/html; charset=utf-8' };
  for (const status of [200, 404, 410]) t.equal(reasonOf(() => assertPageHead(status, html)), undefined, `${status} page passes`);
  t.equal(reasonOf(() => assertPageHead(301, { location: '/products/1001' })), undefined, 'redirect with location passes');
  t.equal(reasonOf(() => assertPageHead(301, {})), 'FC_MALFORMED', 'redirect without location');
  t.equal(reasonOf(() => assertPageHead(500, html)), 'FC_5XX');
  t.equal(reasonOf(() => assertPageHead(429, { 'content-type': 'application/json' })), 'FC_THROTTLED');
  t.equal(reasonOf(() => assertPageHead(200, { ...html, 'x-fc-error-type': 'UnhandledInvocationError' })), 'FC_FUNCTION_ERROR');
  t.equal(reasonOf(() => assertPageHead(200, { 'content-type': 'application/octet-stream' })), 'FC_MALFORMED');
  t.equal(reasonOf(() => assertPageHead(403, { 'content-type': 'application/json' })), 'FC_REJECTED', "FC's own refusal is not a page");
  t.equal(reasonOf(() => assertPageHead(200, { ...html, 'content-encoding': 'gzip' })), 'FC_MALFORMED');
});

t.test('assertPageBody refuses a blank page', async (t) => {
  t.equal(reasonOf(() => assertPageBody(200, '  \n')), 'FC_MALFORMED');
  t.equal(reasonOf(() => assertPageBody(301, '')), undefined);
  t.equal(reasonOf(() => assertPageBody(200, '<!DOCTYPE html><title>x</title>')), undefined);
});
