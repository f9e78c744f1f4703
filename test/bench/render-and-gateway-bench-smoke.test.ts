/**
 * `npm run bench:render` and `npm run bench:gateway` cannot rot (the bench harness smoke's siblings): each
 * runs at a tiny size against the real processes and its results must be well formed — both sides
 * measured, ratios computed. Never a timing threshold.
 */
import { existsSync } from 'node:fs';
import t from 'tap';

// Real processes under real load: on a shared 2-core machine this file can outlast tap's 180 s default.
t.setTimeout(600_000);

const finite = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
type Spread = { median: number; min: number; max: number };
const isSpread = (value: unknown): boolean => {
  const s = value as Spread | undefined;
  return !!s && finite(s.median) && finite(s.min) && finite(s.max) && s.min <= s.median && s.median <= s.max;
};

if (!existsSync(new URL('../../bench/node_modules/autocannon/package.json', import.meta.url))) {
  throw new Error('bench/node_modules is missing: run `sh scripts/bench-deps.sh`');
}
const { readKnobs } = await import('../../bench/lib/knobs.mjs');
const { runRenderBench } = await import('../../bench/render.mjs');
const { runGatewayBench, gatewayMarkdown } = await import('../../bench/gateway.mjs');
const { runningChildren, stopAll } = await import('../../bench/lib/processes.mjs');
t.teardown(() => stopAll());

const knobs = readKnobs({}, { quick: true, durationS: 1, warmupS: 0, connections: 4, reps: 1, coldRuns: 2 });

t.test('npm run bench:render: renderer vs bare ratio, bundle, cold start', async (t) => {
  const result = await runRenderBench(knobs);
  t.equal(runningChildren(), 0, 'no child process is left running');
  t.ok(isSpread(result.throughput.renderer.rps) && isSpread(result.throughput.bare.rps), 'both sides measured');
  t.ok(finite(result.throughput.ratio), 'ratio computed');
  t.ok(isSpread(result.coldStart.ssr.importAndFirstRenderMs), 'cold start measured');
  t.match(result.machine, { cores: Number, node: String });
});

t.test('npm run bench:gateway: fc-first, local-only and FC direct measured, ratios computed', async (t) => {
  const result = await runGatewayBench(knobs);
  t.equal(runningChildren(), 0, 'no child process is left running');
  for (const name of ['fc-first', 'local-only', 'fc-direct']) {
    const side = result.targets[name];
    t.ok(isSpread(side?.rps) && isSpread(side?.p99), `${name}: req/s and p99 are median/min/max`);
    t.ok(side.reps.every((rep: any) => rep.requests > 0), `${name} answered requests`);
  }
  t.equal(result.targets['local-only'].fcShare.median, 0, 'local-only never serves from FC');
  t.ok(finite(result.ratios.fcFirstOverLocalOnly) && finite(result.ratios.fcFirstOverFcDirect), 'ratios computed');
  t.match(gatewayMarkdown(result), /\| fc-first \| [\d.]+ \(/, 'markdown row per target');
});
