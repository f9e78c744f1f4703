#!/usr/bin/env node
/**
 * `npm run bench:gateway` (issue 3): a quick look at the gateway on its own — requests per second and
 * p50/p99 of `OFFLOAD=fc-first` in front of the healthy FC emulator and of `OFFLOAD=local-only`, with the
 * emulator called directly as the reference for what the gateway hop adds. One run, interleaved, so the
 * ratios are comparable. Writes bench/results/gateway.json and gateway.md (bench/results/tmp/ with
 * BENCH_QUICK=1). Same knobs as `npm run bench`; the comparison with nginx is `npm run bench`.
 */
import { writeFileSync } from 'node:fs';
import { isEntryPoint, startCli } from './lib/cli.mjs';
import { interleaved } from './lib/measure.mjs';
import { createStack } from './lib/stack.mjs';
import { ratio, round } from './lib/stats.mjs';
import { describeMachine } from './lib/suite.mjs';

const TARGETS = ['fc-first', 'local-only', 'fc-direct'];

/** Measure; returns the JSON written to gateway.json. */
export async function runGatewayBench(knobs, { log = () => {} } = {}) {
  const started = new Date();
  const stack = createStack(knobs);
  try {
    const fc = await stack.fc();
    await fc.heal();
    const [fcFirst, localOnly] = await Promise.all([stack.gateway('fc-first'), stack.gateway('local-only')]);
    const direct = { name: 'fc-direct', url: fc.url, classify: () => 'fc', upstreams: [fc] };
    log(`gateway fc-first vs local-only (emulator direct as reference), ${knobs.connections} connections, ${knobs.durationS} s × ${knobs.reps}`);
    const measured = await interleaved({ 'fc-first': fcFirst, 'local-only': localOnly, 'fc-direct': direct }, knobs, log);
    const added = (field) => round(measured['fc-first'][field].median - measured['fc-direct'][field].median);
    return {
      date: started.toISOString(),
      durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
      machine: describeMachine(),
      settings: { page: knobs.page, connections: knobs.connections, durationS: knobs.durationS, reps: knobs.reps, fcTimeoutMs: knobs.fcTimeoutMs, fc: fc.kind, quick: knobs.quick },
      targets: measured,
      ratios: {
        // > 1: offloading to FC serves more pages per second than rendering in the gateway process.
        fcFirstOverLocalOnly: ratio(measured['fc-first'].rps.median, measured['local-only'].rps.median),
        // < 1: the cost of the gateway hop in front of FC.
        fcFirstOverFcDirect: ratio(measured['fc-first'].rps.median, measured['fc-direct'].rps.median),
      },
      addedOverFcDirect: { p50Ms: added('p50'), p99Ms: added('p99') },
    };
  } finally {
    await stack.close();
  }
}

const spread = (s, unit = '') => `${s.median}${unit} (${s.min}–${s.max})`;

/** The Markdown table written next to gateway.json. */
export function gatewayMarkdown(result) {
  const { machine: m, settings: s } = result;
  const rows = TARGETS.map((name) => {
    const r = result.targets[name];
    return `| ${name} | ${spread(r.rps)} | ${spread(r.p50, ' ms')} | ${spread(r.p99, ' ms')} | ${r.failed?.median ?? r.errors.median + r.non2xx.median} | ${Math.round(r.fcShare.median * 100)}% |`;
  });
  return `# ssr-offload gateway quick look — ${result.date.slice(0, 10)}

Machine: ${m.cores} cores, ${m.cpuModel}; Node ${m.node}. Page \`${s.page}\`, ${s.connections} connections, ${s.durationS} s × ${s.reps} repetitions (median, min–max), FC = ${s.fc}.

| target | req/s | p50 | p99 | failed | served by FC |
|---|---|---|---|---|---|
${rows.join('\n')}

fc-first / local-only throughput ×${result.ratios.fcFirstOverLocalOnly}; fc-first / FC direct ×${result.ratios.fcFirstOverFcDirect}; the gateway hop adds ${result.addedOverFcDirect.p50Ms} ms at p50 and ${result.addedOverFcDirect.p99Ms} ms at p99.
`;
}

if (isEntryPoint(import.meta.url)) {
  const { knobs, outDir } = startCli();
  const result = await runGatewayBench(knobs, { log: (line) => console.log(line) });
  writeFileSync(`${outDir}/gateway.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${outDir}/gateway.md`, gatewayMarkdown(result));
  console.log(`\n${gatewayMarkdown(result)}\n→ ${outDir}/gateway.json, gateway.md`);
}
