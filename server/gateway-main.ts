/** Gateway wiring for `npm start` (emulator + gateway). Filled in by the gateway work. */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { ConfigError } from './errors.js';

export async function buildGatewayForMain(_config: Config): Promise<FastifyInstance> {
  throw new ConfigError('ROLE', 'is gateway, which is not built yet in this release (issue 3); use ROLE=renderer or ROLE=function');
}
