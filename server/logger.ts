/**
 * pino options for every Fastify host: JSON lines, the configured level, and secrets redacted wherever
 * they could appear (request headers, FC credentials headers, SDK config); with tracing, the span ids.
 */
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';
import type { LogFormat, LogLevel } from './config.js';
import { ConfigError } from './errors.js';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-fc-access-key-id"]',
  'req.headers["x-fc-access-key-secret"]',
  'req.headers["x-fc-security-token"]',
  'res.headers["set-cookie"]',
  '*.accessKeyId',
  '*.accessKeySecret',
  '*.securityToken',
];

/**
 * @param traceFields with tracing on, the active span's ids: every line logged inside a request's span
 * carries `trace_id` and `span_id` (the names OpenTelemetry's log data model uses), so a log line leads
 * to its trace.
 */
export function loggerOptions(level: LogLevel, traceFields?: () => Record<string, string> | undefined, format: LogFormat = 'json'): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(traceFields ? { mixin: () => traceFields() ?? {} } : {}),
    ...(format === 'pretty' ? { transport: prettyTransport() } : {}),
  };
}

/**
 * `LOG_FORMAT=pretty`: pino-pretty in pino's transport worker thread (https://github.com/pinojs/pino-pretty),
 * for people reading a terminal. It is a dev dependency: the production image (`npm ci --omit=dev`) has
 * none, and asking for it there stops start-up with a message instead of failing inside the worker.
 */
function prettyTransport() {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
  } catch {
    throw new ConfigError('LOG_FORMAT', 'is pretty, but pino-pretty (a dev dependency) is not installed; use json in production images');
  }
  return { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } };
}
