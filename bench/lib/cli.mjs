/**
 * What every bench entry point (run.mjs, render.mjs, gateway.mjs) does before measuring: read the knobs,
 * pick the results folder (quick runs never replace committed results) and kill every child on exit.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readKnobs } from './knobs.mjs';
import { killAllSync } from './processes.mjs';

/** True when `moduleUrl` is the script node was started with. */
export const isEntryPoint = (moduleUrl) => Boolean(process.argv[1]) && fileURLToPath(moduleUrl) === process.argv[1];

/** @returns {{ knobs, outDir }} with outDir created. */
export function startCli(env = process.env) {
  const knobs = readKnobs(env);
  const outDir = resolve(knobs.outDir ?? fileURLToPath(new URL(knobs.quick ? '../results/tmp' : '../results', import.meta.url)));
  mkdirSync(outDir, { recursive: true });
  process.on('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { killAllSync(); process.exit(130); });
  return { knobs, outDir };
}
