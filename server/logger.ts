/**
 * pino options for every Fastify host: JSON lines, the configured level, and secrets redacted wherever
 * they could appear (request headers, FC credentials headers, SDK config); with tracing, the span ids.
 */
import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from './config.js';

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
export function loggerOptions(level: LogLevel, traceFields?: () => Record<string, string> | undefined): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(traceFields ? { mixin: () => traceFields() ?? {} } : {}),
  };
}
