/**
 * CLI: run the FC emulator as its own process (`node dist/node/functions/emulator/main.js`).
 * Prints one JSON line `{"event":"listening","url":"http://127.0.0.1:<port>","port":<port>,"functionName":...}`
 * on stdout when ready; exits 0 on SIGTERM/SIGINT. Knobs: `EMU_*` (faults.ts), plus `EMU_PORT` (default 0),
 * `EMU_FUNCTION_NAME` (default ssr-render), `EMU_FUNCTION_PATH` (default: the built bundle),
 * `EMU_CONTAINER_URL` (custom-container mode: forward every call to that server instead). `EMU_OVERDUE_MS`
 * (default 0 = off: calls open longer than this count as overdue in the stats).
 * The function reads `SITE_ORIGIN` from the same environment.
 */
import { faultsFromEnv } from './faults.js';
import { startEmulator } from './emulator.js';

// eslint-disable-next-line no-restricted-properties -- entry point: the one reader of the environment here
const env = process.env;
try {
  const port = Number(env.EMU_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`EMU_PORT must be a port number, got "${env.EMU_PORT}"`);
  const overdueMs = Number(env.EMU_OVERDUE_MS ?? 0);
  if (!Number.isInteger(overdueMs) || overdueMs < 0) throw new Error(`EMU_OVERDUE_MS must be a non-negative integer (ms), got "${env.EMU_OVERDUE_MS}"`);
  const emulator = await startEmulator({ port, overdueMs, functionName: env.EMU_FUNCTION_NAME || undefined, functionPath: env.EMU_FUNCTION_PATH || undefined, containerUrl: env.EMU_CONTAINER_URL || undefined, faults: faultsFromEnv(env) });
  const stop = () => { void emulator.close().then(() => process.exit(0)); };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Spawned by `npm start` with an IPC channel: leave with the gateway, even when it is killed hard.
  if (process.send) process.once('disconnect', stop);
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: emulator.url, port: emulator.port, functionName: env.EMU_FUNCTION_NAME || 'ssr-render' })}\n`);
} catch (error) {
  process.stderr.write(`${JSON.stringify({ event: 'error', message: (error as Error).message })}\n`);
  process.exit(78);
}
