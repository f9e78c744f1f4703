/**
 * A real gateway on loopback in front of a real FC emulator (in-process, real sockets), for tests.
 * `env` is what a user would set; defaults keep logs quiet and timeouts short, and the render cache off
 * (`CACHE_MB=0`): offload tests must see every request reach the policy. Cache tests set CACHE_MB.
 */
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../functions/emulator/index.js';
import { loadConfig } from '../../server/config.js';
import { buildGateway, type GatewayDeps } from '../../server/gateway.js';
import type { Tracing } from '../../server/telemetry/start-tracing.js';

export interface GatewayUnderTest {
  url: string;
  /** The admin listener (`/metrics`, operator endpoints); undefined with `ADMIN_PORT: 'off'`. */
  adminUrl: string | undefined;
  app: FastifyInstance;
  /** Undefined when `emulator: false`. */
  fc: Emulator | undefined;
  /** Started as main.ts does when env sets an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT). */
  tracing: Tracing | undefined;
}

export interface StartGatewayOptions {
  /** Variables a user would set; a function gets the emulator (e.g. for FC_ENDPOINT). */
  env?: Record<string, string> | ((fc: Emulator | undefined) => Record<string, string>);
  deps?: GatewayDeps;
  /** Emulator options, or false for no emulator (local-only, or an FC_URL of your own in env). */
  emulator?: EmulatorOptions | false;
  /** Runs after buildGateway and before listening: e.g. register a test route on `app.admin`. */
  beforeListen?: (app: FastifyInstance) => void | Promise<void>;
}

export const SITE_ORIGIN = 'https://shop.example.com';

export async function startGateway(t: Test, options: StartGatewayOptions = {}): Promise<GatewayUnderTest> {
  // The in-process function reads its SITE_ORIGIN from the environment, as on FC (s.yaml sets it).
  process.env.SITE_ORIGIN ??= SITE_ORIGIN;
  const fc = options.emulator === false ? undefined : await startEmulator(options.emulator ?? {});
  const config = loadConfig({
    ROLE: 'gateway',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SITE_ORIGIN,
    EMULATOR: 'off',
    FC_TIMEOUT_MS: '500',
    ADMIN_PORT: '0',
    // Tests count FC calls and renders: no warm-up traffic unless a test asks for it.
    WARMUP_TIMEOUT_MS: '0',
    CACHE_MB: '0',
    ...(fc ? { FC_URL: fc.url } : {}),
    ...(typeof options.env === 'function' ? options.env(fc) : options.env),
  });
  // As main.ts: the SDK is imported only when an endpoint is configured. Shut down after the gateway closes.
  const tracing = config.telemetry ? await (await import('../../server/telemetry/start-tracing.js')).startTracing(config.telemetry) : undefined;
  if (tracing) t.teardown(() => tracing.shutdown());
  const app = buildGateway(config, { defaultMetrics: false, ...(tracing ? { tracing } : {}), ...options.deps });
  t.teardown(() => closeGateway(app, fc));
  await options.beforeListen?.(app);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const adminUrl = app.admin ? await app.admin.listen({ host: '127.0.0.1', port: 0 }) : undefined;
  return { url, adminUrl, app, fc, tracing };
}

/**
 * Teardown, once the test's assertions are done: stop the gateway, then the emulator, without waiting on
 * what a finished test left open. `app.close()` alone waits for every busy connection (a response body
 * the test never read, e.g. a JS asset, stays busy until a GC frees the client's socket: 30–60 s) and
 * for the FC pool's calls in flight (a call the emulator holds with `hangRate` lasts until FC_TIMEOUT_MS).
 * So the gateway stops accepting first, then its remaining client connections are cut and the emulator
 * closes (which ends held calls), and the gateway's close finishes at once.
 */
async function closeGateway(app: FastifyInstance, fc: Emulator | undefined): Promise<void> {
  const closing = app.close();
  app.server.closeAllConnections();
  app.admin?.server.closeAllConnections();
  await fc?.close();
  await closing;
}
