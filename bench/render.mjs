#!/usr/bin/env node
/**
 * `npm run bench:render` (issue 2): render throughput of the renderer server (ROLE=renderer, Fastify) vs a
 * bare `node:http` server calling the same `render()` on the same page — the ratio comes from one run —
 * plus the FC bundle's size and its cold import + first render. Writes bench/results/render.json
 * (bench/results/tmp/ with BENCH_QUICK=1). Same knobs as `npm run bench`.
 */
import { writeFileSync } from 'node:fs';
import { bundleSize, coldStarts } from './lib/cold-start.mjs';
import { isEntryPoint, startCli } from './lib/cli.mjs';
import { interleaved } from './lib/measure.mjs';
import { createStack } from './lib/stack.mjs';
import { ratio } from './lib/stats.mjs';
import { describeMachine } from './lib/suite.mjs';

/** Measure; returns the JSON written to render.json. */
export async function runRenderBench(knobs, { log = () => {} } = {}) {
  const started = new Date();
  const stack = createStack(knobs);
  try {
    const [renderer, bare] = await Promise.all([stack.renderer(), stack.bare()]);
    log(`renderer (ROLE=renderer) vs bare node:http + render(), ${knobs.connections} connections, ${knobs.durationS} s × ${knobs.reps}`);
    const measured = await interleaved({ renderer, bare }, knobs, log);
    const size = bundleSize();
    const bundle = size ? await coldStarts('bundle', { runs: knobs.coldRuns, page: knobs.page }) : null;
    const ssr = await coldStarts('ssr', { runs: knobs.coldRuns, page: knobs.page });
    return {
      date: started.toISOString(),
      durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
      machine: describeMachine(),
      settings: { page: knobs.page, connections: knobs.connections, durationS: knobs.durationS, reps: knobs.reps, coldRuns: knobs.coldRuns, quick: knobs.quick },
      throughput: {
        renderer: measured.renderer,
        bare: measured.bare,
        ratio: ratio(measured.renderer.rps.median, measured.bare.rps.median),
      },
      bundle: size,
      coldStart: { bundle, ssr },
    };
  } finally {
    await stack.close();
  }
}

if (isEntryPoint(import.meta.url)) {
  const { knobs, outDir } = startCli();
  const result = await runRenderBench(knobs, { log: (line) => console.log(line) });
  writeFileSync(`${outDir}/render.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`renderer/bare throughput ratio ${result.throughput.ratio}; bundle ${result.bundle ? `${result.bundle.rawBytes} B raw, ${result.bundle.gzipBytes} B gzip, cold ${result.coldStart.bundle.importAndFirstRenderMs.median} ms` : 'not built'}; ssr cold ${result.coldStart.ssr.importAndFirstRenderMs.median} ms → ${outDir}/render.json`);
}
