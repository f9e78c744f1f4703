/**
 * Gateway wiring for `npm start`: with no FC target configured, start the FC emulator process first and
 * point the gateway's HTTP transport at it; stop it when the gateway closes.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { startEmulatorProcess } from './emulator-process.js';
import { buildGateway, type GatewayDeps } from './gateway.js';
import { emulatorFunctionFor } from './ssr-app.js';

export async function buildGatewayForMain(config: Config, deps: GatewayDeps = {}): Promise<FastifyInstance> {
  if (!config.fc.useEmulator || config.offload === 'local-only') return buildGateway(config, deps);
  let app: FastifyInstance | undefined;
  const emulator = await startEmulatorProcess({
    siteOrigin: config.siteOrigin,
    // SSR_APP=off ("any SSR server"): the emulator plays FC running your server as a custom container.
    ...(config.ssrApp.off ? { containerUrl: config.fallbackUrl } : { functionPath: emulatorFunctionFor(config.ssrApp) }),
    onExit: (code, signal) => app?.log.error({ code, signal }, 'the FC emulator stopped; pages fall back to local render'),
  });
  app = buildGateway({ ...config, fc: { ...config.fc, url: emulator.url } }, { ...deps, emulatorUrl: emulator.url });
  app.log.info({ fcUrl: emulator.url }, 'no FC target configured: started the local FC emulator (see README: fault knobs)');
  app.addHook('onClose', () => emulator.stop());
  return app;
}
