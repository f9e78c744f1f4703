// One classifier turns whatever FC or the network threw into the reason users see in server-timing,
// logs and metrics. Errors are the real shapes undici, the FC SDK and opossum produce.
import { errors as undiciErrors } from 'undici';
import t from 'tap';
import { UpstreamFailureError } from '../../server/errors.js';
import { classifyFailure } from '../../server/offload/classify-failure.js';

function withCode(code: string, name = 'Error'): Error {
  return Object.assign(new Error(code), { code, name });
}

t.test('undici and socket errors', async (t) => {
  t.equal(classifyFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), 'FC_TIMEOUT');
  t.equal(classifyFailure(new undiciErrors.HeadersTimeoutError()), 'FC_TIMEOUT');
  t.equal(classifyFailure(new undiciErrors.SocketError('other side closed')), 'FC_RESET');
  t.equal(classifyFailure(withCode('ECONNRESET')), 'FC_RESET');
  t.equal(classifyFailure(withCode('ECONNREFUSED')), 'FC_UNREACHABLE');
  t.equal(classifyFailure(new undiciErrors.ConnectTimeoutError()), 'FC_UNREACHABLE');
  t.equal(classifyFailure(withCode('HPE_INVALID_CONSTANT')), 'FC_MALFORMED', 'bytes that are not HTTP');
  t.equal(classifyFailure(new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') })), 'FC_UNREACHABLE', 'looks through cause');
});

t.test('FC SDK errors (@alicloud/openapi-core shapes)', async (t) => {
  t.equal(classifyFailure(Object.assign(new Error('ReadTimeout(4000)'), { name: 'RequestTimeoutError' })), 'FC_TIMEOUT');
  t.equal(classifyFailure(Object.assign(new Error('throttled'), { name: 'ClientError', statusCode: 429, code: 'ResourceThrottled' })), 'FC_THROTTLED');
  t.equal(classifyFailure(Object.assign(new Error('x'), { name: 'ThrottlingError', code: 'Throttling.User' })), 'FC_THROTTLED');
  t.equal(classifyFailure(Object.assign(new Error('x'), { name: 'ServerError', statusCode: 503 })), 'FC_5XX');
  t.equal(classifyFailure(Object.assign(new Error('x'), { name: 'ClientError', statusCode: 404, code: 'FunctionNotFound' })), 'FC_REJECTED');
});

t.test('our own and opossum errors', async (t) => {
  t.equal(classifyFailure(new UpstreamFailureError('FC_FUNCTION_ERROR', 'x-fc-error-type: UnhandledInvocationError')), 'FC_FUNCTION_ERROR');
  t.equal(classifyFailure(withCode('EOPENBREAKER')), 'BREAKER_OPEN');
  t.equal(classifyFailure(withCode('ETIMEDOUT')), 'FC_TIMEOUT', 'opossum backstop timeout');
  t.equal(classifyFailure(new SyntaxError('Unexpected end of JSON input')), 'FC_MALFORMED');
  t.equal(classifyFailure(new Error('something new')), 'FC_ERROR', 'unknown errors are not disguised as a known reason');
  t.equal(classifyFailure('a string'), 'FC_ERROR');
});
