/**
 * pino options for every Fastify host: JSON lines, the configured level, and secrets redacted wherever
 * they could appear (request headers, FC credentials headers, SDK config).
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

export function loggerOptions(level: LogLevel): NonNullable<FastifyServerOptions['logger']> {
  return { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}
