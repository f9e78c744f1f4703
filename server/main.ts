/**
 * Container entry: parse configuration once, build the host for ROLE, listen, and shut down gracefully
 * on SIGTERM (server/shut-down.ts: readiness fails first, the listener keeps serving for
 * SHUTDOWN_DELAY_MS, then requests in flight and already sent finish, then the process exits 0).
 */
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config.js';
import { shutDown } from './shut-down.js';
import { configWarnings, type ConfigWarning } from './config-warnings.js';
import { browsableUrl, startupSummary } from './startup-summary.js';
import type { Tracing } from './telemetry/start-tracing.js';

async function buildHost(config: Config, tracing: Tracing | undefined): Promise<FastifyInstance> {
  const deps = tracing ? { tracing } : {};
  switch (config.role) {
    case 'renderer':
      return (await import('./renderer.js')).buildRenderer(config, deps);
    case 'function':
      return (await import('../functions/custom-runtime.js')).buildCustomRuntime(config, deps);
    case 'gateway':
      return (await import('./gateway-main.js')).buildGatewayForMain(config, deps);
  }
}

/**
 * Print why start-up stopped: the error's code first (`SSR_ERR_CONFIG: FC_TIMEOUT_MS must be …`, as the
 * README promises), after the variables that were probably misspelled (often the reason). Then exit.
 */
function stopStartUp(error: unknown, warnings: readonly ConfigWarning[], exitCode: number): never {
  for (const warning of warnings) console.error(`warning: ${warning.message}`);
  const { code, message } = error as { code?: string; message?: string };
  console.error(code?.startsWith('SSR_ERR_') ? `${code}: ${message}` : String(message ?? error));
  process.exit(exitCode);
}

async function main(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- the one place that reads the environment
  const env = process.env;
  const warnings = configWarnings(env);
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    stopStartUp(error, warnings, 78); // EX_CONFIG
  }
  let app: FastifyInstance;
  // Loaded only when an OTLP endpoint is set: otherwise no OpenTelemetry module is ever imported.
  const tracing = config.telemetry ? await (await import('./telemetry/start-tracing.js')).startTracing(config.telemetry) : undefined;
  try {
    app = await buildHost(config, tracing);
  } catch (error) {
    stopStartUp(error, warnings, 78);
  }
  for (const { variable, suggestion, message } of warnings) app.log.warn({ variable, suggestion }, message);
  // SIGHUP re-reads SITES_FILE (the convention of nginx and HAProxy); without a sites file it is ignored,
  // where Node's default would end the process.
  const reloadSites = config.role === 'gateway' && app.hasDecorator('reloadSites') ? app.reloadSites : undefined;
  process.on('SIGHUP', () => {
    if (reloadSites) void reloadSites('signal');
    else app.log.info('SIGHUP ignored: there is no SITES_FILE to re-read');
  });
  // SHUTDOWN_GRACE_MS bounds the whole sequence (delay, drain, close); past it the process exits 1.
  // SIGHUP is the reload signal (below), not a shutdown: close-with-grace would otherwise treat it as one.
  closeWithGrace({ delay: config.shutdownGraceMs, skip: ['SIGHUP'] }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down: readiness off, draining in-flight requests');
    // After a crash-level error there is nothing to wait for: drain without the load-balancer delay.
    await shutDown(app, { delayMs: err ? 0 : config.shutdownDelayMs });
    // The last spans (the drained requests') leave before the process does.
    await tracing?.shutdown().catch((error: unknown) => app.log.warn({ err: error }, 'could not export the last spans'));
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // The SSR app is imported while the host boots: a module that cannot load is a configuration error.
    stopStartUp(error, [], (error as { code?: string }).code === 'SSR_ERR_CONFIG' ? 78 : 1);
  }
  // After the public listener, so a port clash on the admin side stops start-up before anything scrapes a
  // half-started pod; with ADMIN_PORT=0 this line is where the chosen port is named.
  let adminUrl: string | undefined;
  if (app.admin) {
    adminUrl = await app.admin.listen({ host: config.admin.host, port: config.admin.port ?? 0 });
    app.log.info({ adminUrl }, `admin listener (metrics, operator endpoints) at ${adminUrl}`);
  }
  const pageUrl = browsableUrl(app.server.address()) ?? `http://localhost:${config.port}`;
  const summary = startupSummary(config, { pageUrl, adminUrl, emulatorUrl: app.hasDecorator('emulatorUrl') ? app.emulatorUrl : undefined });
  app.log.info(summary.fields, summary.message);
}

await main();
