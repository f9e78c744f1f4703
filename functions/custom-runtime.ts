/**
 * FC custom runtime / custom container entry (`ROLE=function`, listens on 0.0.0.0:9000 by default).
 * The renderer server (pages, health, assets) for the app `SSR_APP` names, plus the paths FC itself calls
 * (docs/sources.md#fc-custom-runtime): `POST /invoke` for InvokeFunction (body = the direct-invoke payload,
 * `application/octet-stream`), `POST /initialize` and `GET /pre-stop` for the lifecycle hooks (any 2xx = success).
 */
import type { FastifyInstance } from 'fastify';
import type { ClientBuild } from '../server/client-build.js';
import type { Config } from '../server/config.js';
import type { Render } from '../server/render-contract.js';
import { buildRenderer } from '../server/renderer.js';
import type { Tracing } from '../server/telemetry/start-tracing.js';
import { createHandler } from './invocation.js';

export interface CustomRuntimeDeps {
  clientBuild?: ClientBuild | undefined;
  render?: Render;
  /** With an OTLP endpoint: pages continue the gateway's trace (server span from `traceparent`). */
  tracing?: Tracing;
}

/**
 * @example
 * const app = buildCustomRuntime(loadConfig({ ...process.env, ROLE: 'function' }));
 * await app.listen({ host: config.host, port: config.port });
 */
export function buildCustomRuntime(config: Config, deps: CustomRuntimeDeps = {}): FastifyInstance {
  const host = buildRenderer(config, deps);
  const render = host.pageRender;
  const invoke = createHandler(() => render, {
    only: 'direct',
    onFailure: (error) => host.log.error({ err: error }, 'render failed on /invoke'),
  });

  host.register(async function fcPaths(scope) {
    // InvokeFunction bodies arrive as application/octet-stream (or anything else): take raw bytes here only.
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post('/invoke', async (request, reply) => {
      const answer = await invoke(request.body ?? Buffer.alloc(0), { requestId: request.id });
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(answer));
    });
    scope.post('/initialize', async (_request, reply) => {
      // FC routes invocations to an instance only after its initializer returned: finish the warm-up
      // (WARMUP_PATHS, bounded by WARMUP_TIMEOUT_MS) first, so the first real request meets warm code.
      await host.whenWarm();
      await render({ url: '/', headers: {} });
      return reply.code(200).send();
    });
    scope.get('/pre-stop', async (_request, reply) => {
      // The instance is about to be destroyed: the batched spans leave now or never.
      await deps.tracing?.forceFlush().catch(() => undefined);
      return reply.code(200).send();
    });
  });
  return host;
}
