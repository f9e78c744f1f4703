// PROXY_BODY_LIMIT_BYTES caps a proxied request body (default 10 MiB). A declared Content-Length over
// the cap is answered 413 at once, before a byte of the body is read (no `100 Continue`) and before the
// upstream is called; a chunked body that grows past the cap is cut off with 413 and the upstream's
// request is aborted. A body at the cap passes.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { openRaw } from '../helpers/raw-http.js';
import { startRecordingUpstream } from '../helpers/proxied-service.js';

t.test('bodies over PROXY_BODY_LIMIT_BYTES get 413', async (t) => {
  const api = await startRecordingUpstream(t);
  const gateway = await startGateway(t, { emulator: false, env: { OFFLOAD: 'local-only', PROXY_ROUTES: `/api=${api.url}`, PROXY_BODY_LIMIT_BYTES: '1000' } });
  const port = Number(new URL(gateway.url).port);

  const declared = await openRaw(t, port);
  declared.write('POST /api/upload HTTP/1.1\r\nHost: shop.example.com\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n');
  const refused = await declared.response();
  t.equal(refused.status, 413, 'a declared length over the cap → 413, without asking for the body');
  t.match(refused.body, 'SSR_ERR_BODY_TOO_LARGE');
  t.equal(refused.headers['content-type'], 'text/html; charset=utf-8');
  t.equal(refused.headers.connection, 'close', 'the unread body is not read: the connection closes');
  await declared.closed();
  t.equal(api.received.length, 0, 'the upstream was not called');

  const chunked = await openRaw(t, port);
  chunked.write('POST /api/stream HTTP/1.1\r\nHost: shop.example.com\r\nTransfer-Encoding: chunked\r\n\r\n');
  chunked.write(`258\r\n${'a'.repeat(600)}\r\n`);
  const upstreamCall = await api.nextRequest();
  chunked.write(`258\r\n${'b'.repeat(600)}\r\n`);
  const cut = await chunked.response();
  t.equal(cut.status, 413, 'a chunked body growing past the cap → 413');
  t.match(cut.body, 'SSR_ERR_BODY_TOO_LARGE');
  await chunked.closed();
  await api.allConnectionsClosed();
  t.equal(upstreamCall.received.complete, false, 'the upstream request was aborted, not completed with a cut body');
  t.ok(upstreamCall.received.body.length <= 1000, 'the upstream never got more than the cap');

  const atCap = await fetch(`${gateway.url}/api/ok`, { method: 'POST', body: 'c'.repeat(1000) });
  t.equal(atCap.status, 200, 'a body exactly at the cap passes');
  await atCap.text();
  t.equal(api.received.at(-1)!.body.length, 1000);
});
