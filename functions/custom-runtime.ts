/** FC custom runtime / custom container entry (ROLE=function). Filled in by the functions work. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../server/config.js';
import { buildRenderer } from '../server/renderer.js';

export function buildCustomRuntime(config: Config): FastifyInstance {
  return buildRenderer(config);
}
