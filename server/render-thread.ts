/**
 * One render thread (server/render-threads.ts starts them): imports the app the plug resolved, builds a
 * renderer per site origin on first use, and answers render messages. Only the app and this file live in
 * the thread's heap, so a render runs with the same memory around it as in a bare server, and a long
 * render never holds up the gateway's event loop (health probes, cache hits, proxied routes).
 *
 * Messages are plain data (structured clone): a render request in, a render result or a serialized error
 * out; the app's onError reports go to the parent, which logs them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Render } from './render-contract.js';
import { toThreadError, type FromThread, type RenderThreadData, type ToThread } from './render-thread-messages.js';
import { importSsrApp, rendererOf, type ResolvedSsrApp } from './ssr-app.js';

const port = parentPort!;
const { app, manifest, firstOrigin } = workerData as RenderThreadData;
const send = (message: FromThread) => port.postMessage(message);
const byOrigin = new Map<string, Promise<Render>>();

try {
  // The thread renders only: the client build (assets, manifest) stays with the gateway.
  const resolved = { ...app, clientBuild: undefined };
  const module = await importSsrApp(resolved);
  const build = (siteOrigin: string) => rendererOf(resolved, module, {
    siteOrigin,
    manifest,
    onError: (error, url) => send({ kind: 'app-error', url, error: toThreadError(error) }),
  });
  const rendererFor = (origin: string): Promise<Render> => {
    let render = byOrigin.get(origin);
    if (!render) {
      render = build(origin);
      byOrigin.set(origin, render);
      // A renderer that failed to build is tried again by the next request, not kept as a failure.
      render.catch(() => byOrigin.delete(origin));
    }
    return render;
  };
  await rendererFor(firstOrigin);
  port.on('message', (message: ToThread) => {
    rendererFor(message.origin)
      .then((render) => render(message.request))
      .then(
        ({ status, headers, html }) => send({ kind: 'result', id: message.id, result: { status, headers, html } }),
        (error: unknown) => send({ kind: 'error', id: message.id, error: toThreadError(error) }),
      );
  });
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'failed', error: toThreadError(error) });
}
