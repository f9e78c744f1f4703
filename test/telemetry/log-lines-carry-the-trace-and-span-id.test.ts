// `npm start` with an OTLP endpoint: the request's log line carries trace_id and span_id of the
// request's server span, so a log search leads to the trace (and the trace back to the log line).
import t from 'tap';
import { repoPath } from '../deploy/helpers/repo.js';
import { startServer } from '../deploy/helpers/start-server.js';
import { startOtlpReceiver } from '../helpers/otlp-receiver.js';

t.test('access log line names the trace', async (t) => {
  const receiver = await startOtlpReceiver(t);
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: repoPath(''),
    env: { ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', EMULATOR: 'off', OFFLOAD: 'local-only', LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
  });
  t.teardown(() => server.stop());
  const page = await fetch(`${server.url}/blog/welcome?from=test`, { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
  await page.text();
  const [span] = (await receiver.waitFor((all) => all.some((s) => s.name === 'GET /*'))).filter((s) => s.name === 'GET /*');
  t.equal(span!.traceId, '0af7651916cd43dd8448eb211c80319c');
  const line = server.output().split('\n').filter(Boolean).map((text) => JSON.parse(text) as Record<string, unknown>)
    .find((entry) => entry.msg === 'request' && String(entry.url).startsWith('/blog/welcome'));
  t.ok(line, 'the access-log line was written');
  t.equal(line?.trace_id, span!.traceId, 'trace_id of the request');
  t.equal(line?.span_id, span!.spanId, 'span_id of the server span');
  t.equal(await server.stop(), 0, 'SIGTERM still exits 0 with tracing on (last spans flushed)');
});
