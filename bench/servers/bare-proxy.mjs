/**
 * Baseline of issue 14's proxy-path goal: a bare `node:http` keep-alive reverse proxy in front of the same FC
 * (`UPSTREAM`, e.g. the emulator) — no framework, no page checks, no breaker, no metrics: it pipes status,
 * headers and body through. What a gateway page from FC cannot beat in Node. `PORT` picks the port; it
 * listens on 127.0.0.1 only.
 */
import { Agent, createServer, request } from 'node:http';

const upstream = new URL(process.env.UPSTREAM ?? 'http://127.0.0.1:9000');
const agent = new Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 30_000 });

const server = createServer((req, res) => {
  if (req.url === '/healthz') return res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  const headers = { ...req.headers, host: upstream.host };
  delete headers.connection;
  const upstreamRequest = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (answer) => {
    const out = { ...answer.headers, 'x-render-by': 'fc' };
    delete out.connection;
    delete out['keep-alive'];
    res.writeHead(answer.statusCode ?? 502, out);
    answer.pipe(res);
  });
  upstreamRequest.on('error', () => { if (!res.headersSent) res.writeHead(502).end(); else res.destroy(); });
  req.pipe(upstreamRequest);
});
server.keepAliveTimeout = 75_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${server.address().port}` }));
});
process.on('SIGTERM', () => { server.close(); server.closeAllConnections(); });
