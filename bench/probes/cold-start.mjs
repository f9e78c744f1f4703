/**
 * Runs in a fresh process: import the render code, then render one page, and print the timings as one
 * JSON line. `node cold-start.mjs bundle <page>` imports dist/function/index.mjs (the FC artefact) and
 * calls its `initialize` + `handler` with an FC 3.0 HTTP-trigger event; `node cold-start.mjs ssr <page>`
 * imports dist/node/ssr/index.js (what the renderer and the gateway load) and calls `render()`.
 */
import { performance } from 'node:perf_hooks';

const [mode = 'bundle', page = '/products/1001'] = process.argv.slice(2);
const root = new URL('../../', import.meta.url);
const bootMs = performance.now(); // process start → this line (node itself + this file)

/** FC 3.0 HTTP-trigger event (docs/sources.md#fc-http-trigger-event), as the built-in runtime hands it over: a Buffer. */
function httpTriggerEvent(url) {
  const parsed = new URL(url, 'http://localhost');
  return Buffer.from(JSON.stringify({
    version: 'v1',
    rawPath: parsed.pathname,
    body: '',
    isBase64Encoded: false,
    headers: { host: 'bench.cn-hangzhou.fcapp.run', 'user-agent': 'ssr-offload-bench', accept: 'text/html' },
    queryParameters: Object.fromEntries(parsed.searchParams),
    requestContext: {
      accountId: '1234567890', domainName: 'bench.cn-hangzhou.fcapp.run', domainPrefix: 'bench',
      http: { method: 'GET', path: decodeURIComponent(parsed.pathname), protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'ssr-offload-bench' },
      requestId: '1-bench-cold-start', time: new Date().toISOString(), timeEpoch: String(Date.now()),
    },
  }));
}

const context = { requestId: '1-bench-cold-start', function: { name: 'render', handler: 'index.handler', memory: 1024, timeout: 30 }, logger: console };

/** Call an FC handler that may return a promise or use the callback. */
function callHandler(fn, ...args) {
  return new Promise((resolve, reject) => {
    const callback = (error, value) => (error ? reject(error) : resolve(value));
    try {
      const returned = fn(...args, callback);
      if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
    } catch (error) {
      reject(error);
    }
  });
}

const t0 = performance.now();
let status;
let bytes;
let importMs;
if (mode === 'bundle') {
  const mod = await import(new URL('dist/function/index.mjs', root).href);
  if (typeof mod.initialize === 'function') await callHandler(mod.initialize, context);
  importMs = performance.now() - t0;
  const response = await callHandler(mod.handler, httpTriggerEvent(page), context);
  const parsed = Buffer.isBuffer(response) ? JSON.parse(response.toString('utf8')) : typeof response === 'string' ? JSON.parse(response) : response;
  status = parsed.statusCode;
  bytes = typeof parsed.body === 'string' ? parsed.body.length : 0;
} else {
  const { createRenderer } = await import(new URL('dist/node/ssr/index.js', root).href);
  const { loadClientBuild } = await import(new URL('dist/node/server/client-build.js', root).href);
  const render = createRenderer({ siteOrigin: 'http://localhost:3000', manifest: loadClientBuild()?.manifest });
  importMs = performance.now() - t0;
  const result = await render({ url: page, headers: { 'user-agent': 'ssr-offload-bench' } });
  status = result.status;
  bytes = result.html.length;
}
const totalMs = performance.now() - t0;
console.log(JSON.stringify({ event: 'cold-start', mode, bootMs, importMs, firstRenderMs: totalMs - importMs, importAndFirstRenderMs: totalMs, status, bytes }));
