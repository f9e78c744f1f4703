#!/usr/bin/env node
/**
 * `npm run bench`: start everything on loopback, run every scenario against ssr-offload and its baseline
 * in the same run, write bench/results/latest.{json,md,svg}. Knobs: see bench/lib/knobs.mjs
 * (BENCH_QUICK=1, BENCH_DURATION, BENCH_CONNECTIONS, BENCH_REPS, BENCH_ONLY=1,2 …).
 * Quick runs write to bench/results/tmp/ unless BENCH_OUT_DIR is set, so they never replace real results.
 */
import { writeFileSync } from 'node:fs';
import { startCli } from './lib/cli.mjs';
import { toMarkdown, toSvg } from './lib/report.mjs';
import { runSuite } from './lib/suite.mjs';

const { knobs, outDir } = startCli();

const log = (line) => console.log(line);
log(`ssr-offload bench: ${knobs.quick ? 'QUICK, ' : ''}${knobs.connections} connections, ${knobs.durationS} s × ${knobs.reps} reps → ${outDir}`);
const results = await runSuite(knobs, { log });
writeFileSync(`${outDir}/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(`${outDir}/latest.md`, toMarkdown(results));
writeFileSync(`${outDir}/latest.svg`, toSvg(results));
log(`\nwrote ${outDir}/latest.json, latest.md, latest.svg in ${results.durationSeconds} s`);
log(JSON.stringify(results.headline, null, 2));
const failed = Object.entries(results.scenarios).filter(([, r]) => r.error);
if (failed.length) {
  console.error(`${failed.length} scenario(s) failed: ${failed.map(([id]) => id).join(', ')}`);
  process.exitCode = 1;
}
