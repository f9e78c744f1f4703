/**
 * Stand-in FC used only when the real emulator (dist/node/functions/emulator/main.js) is not built:
 * renders with the same `render()` and offers the emulator's control surface
 * (`PUT /__emulator/faults`, `GET /__emulator/stats`) with the same fault knobs.
 * Results produced with it are marked `fc.kind = "stand-in"`.
 */
import { createServer } from 'node:http';
import { createPageRender, plainHeaders } from './page-render.mjs';

const render = await createPageRender();
const faults = { latencyMs: 0, errorRate: 0, hangRate: 0, slowRate: 0, slowMs: 0, throttleRate: 0 };
const stats = { requests: 0, errors: 0, hangs: 0, slow: 0, throttled: 0 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const server = createServer(async (req, res) => {
  if (req.url === '/__emulator/faults' && req.method === 'PUT') {
    let body = '';
    for await (const chunk of req) body += chunk;
    Object.assign(faults, JSON.parse(body || '{}'));
    return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(faults));
  }
  if (req.url === '/__emulator/stats') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...stats, faults }));
  if (req.url === '/healthz') return res.writeHead(200).end('ok');
  stats.requests++;
  if (Math.random() < faults.hangRate) { stats.hangs++; return; }
  if (Math.random() < faults.throttleRate) { stats.throttled++; return res.writeHead(429, { 'x-fc-error-type': 'ResourceThrottled' }).end('throttled'); }
  if (Math.random() < faults.errorRate) { stats.errors++; return res.writeHead(500, { 'content-type': 'text/plain' }).end('function error'); }
  if (faults.latencyMs) await sleep(faults.latencyMs);
  if (Math.random() < faults.slowRate) { stats.slow++; await sleep(faults.slowMs); }
  if (res.destroyed) return;
  const result = await render({ url: req.url ?? '/', headers: plainHeaders(req) });
  res.writeHead(result.status, result.headers);
  res.end(result.html);
});
server.keepAliveTimeout = 75_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${server.address().port}` }));
});
process.on('SIGTERM', () => { server.close(); server.closeAllConnections(); });
