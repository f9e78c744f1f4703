// The built-in nodejs20 handler, fed synthetic FC 3.0 HTTP-trigger events, passes the shared render contract.
import t from 'tap';
import type { FcHttpResponse } from '../../functions/fc-event.js';
import { renderContract, SITE_ORIGIN } from '../contract/render-contract.js';
import { asBuffer, context } from '../fixtures/fc-events.js';

process.env.SITE_ORIGIN = SITE_ORIGIN;
const { handler } = await import('../../functions/handler.js');

renderContract(t, async ({ url, headers, method = 'GET' }) => {
  const parsed = new URL(url, 'http://fc.invalid');
  const event = {
    version: 'v1',
    rawPath: parsed.pathname,
    body: '',
    isBase64Encoded: false,
    headers,
    queryParameters: Object.fromEntries(parsed.searchParams),
    requestContext: { requestId: 'rid', http: { method, path: decodeURIComponent(parsed.pathname), protocol: 'HTTP/1.1' } },
  };
  const response = await handler(asBuffer(event), context) as FcHttpResponse;
  return { status: response.statusCode, headers: response.headers, html: response.body };
});
