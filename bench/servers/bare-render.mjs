/**
 * Baseline of scenario 1 and `bench:render`: a bare `node:http` server calling the same `render()` —
 * no Fastify, no logging, no request ids. `PORT` picks the port; it listens on 127.0.0.1 only.
 */
import { createServer } from 'node:http';
import { createPageRender, plainHeaders } from './page-render.mjs';

const render = await createPageRender();
const server = createServer(async (req, res) => {
  if (req.url === '/healthz') return res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  try {
    const result = await render({ url: req.url ?? '/', headers: plainHeaders(req) });
    res.writeHead(result.status, { ...result.headers, 'x-render-by': 'local' });
    res.end(req.method === 'HEAD' ? undefined : result.html);
  } catch {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('render failed');
  }
});
server.keepAliveTimeout = 75_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${server.address().port}` }));
});
process.on('SIGTERM', () => { server.close(); server.closeAllConnections(); });
