// A page answered by the render cache is a short trace: the decision span says target=cache and the
// cache result (the access log's `cache` field and ssr_cache_requests_total{result}), and no FC call
// or local render sits under it; the first request's trace shows the miss and the FC call.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';
import { startOtlpReceiver } from '../helpers/otlp-receiver.js';

t.test('cache hit trace', async (t) => {
  const receiver = await startOtlpReceiver(t);
  const gateway = await startGateway(t, { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, HEDGE_MS: '0', FC_TIMEOUT_MS: '10000', CACHE_MB: '16' } });
  const first = await fetch(`${gateway.url}/products/1001`);
  t.equal(first.headers.get('x-render-by'), 'fc');
  await first.text();
  const second = await fetch(`${gateway.url}/products/1001`);
  t.equal(second.headers.get('x-render-by'), 'cache');
  await second.text();

  const spans = await receiver.waitFor((all) => all.filter((s) => s.name === 'ssr.offload').length === 2 && all.filter((s) => s.name === 'GET /*').length === 2);
  const decisions = spans.filter((s) => s.name === 'ssr.offload');
  const miss = decisions.find((s) => s.attributes['ssr.cache'] === 'miss');
  const hit = decisions.find((s) => s.attributes['ssr.cache'] === 'hit');
  t.ok(miss, 'first page: a cache miss');
  t.ok(hit, 'second page: a cache hit');
  t.match(hit!.attributes, { 'ssr.target': 'cache', 'ssr.outcome': 'hit' });
  t.not(hit!.traceId, miss!.traceId, 'one trace per page');
  const server = spans.find((s) => s.name === 'GET /*' && s.traceId === hit!.traceId);
  t.equal(hit!.parentSpanId, server!.spanId, 'decision under the request');
  const underHit = spans.filter((s) => s.traceId === hit!.traceId).map((s) => s.name).sort();
  t.same(underHit, ['GET /*', 'ssr.offload'], 'no render in the cache hit\'s trace');
  t.ok(spans.some((s) => s.name === 'ssr.fc.render' && s.traceId === miss!.traceId), 'the miss went to FC');
});
