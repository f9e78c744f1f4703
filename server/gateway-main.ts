/** Gateway wiring for `npm start` (emulator + gateway). Filled in by the gateway work. */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';

export async function buildGatewayForMain(_config: Config): Promise<FastifyInstance> {
  throw new Error('ROLE=gateway is not built yet; use ROLE=renderer');
}
