/**
 * The soak harness cannot rot (`npm run soak`, the bench harness smoke's sibling): a tiny soak — three
 * 2 s phases (warm-up, the emulator SIGKILLed and restarted, healthy), calibration, rolling update, drain
 * — against the real gateway and emulator processes, and the results must be well formed: every figure
 * present and finite, counts that add up, every goal evaluated. Never a timing threshold, and never
 * whether a goal was met (that is what the committed run shows).
 */
import { existsSync } from 'node:fs';
import t from 'tap';

// Real processes under real load: on a shared 2-core machine this file can outlast tap's 180 s default.
t.setTimeout(600_000);

if (!existsSync(new URL('../../bench/node_modules/autocannon/package.json', import.meta.url))) {
  throw new Error('bench/node_modules is missing (the calibration uses autocannon): run `sh scripts/bench-deps.sh`');
}
const finite = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

const { runSoak } = await import('../../bench/soak.mjs');
const { readSoakKnobs } = await import('../../bench/lib/soak-knobs.mjs');
const { soakMarkdown, soakSummary } = await import('../../bench/lib/soak-report.mjs');
const { runningChildren, stopAll } = await import('../../bench/lib/processes.mjs');
t.teardown(() => stopAll());

t.test('npm run soak: phases, drain, new pod, memory and FC deadlines reported', async (t) => {
  // Three 2 s phases (warm-up, the emulator SIGKILL + restart, healthy), calibration included.
  const soakKnobs = readSoakKnobs({}, { durationS: 6, phaseS: 2, killDownS: 0.5, calibrateS: 1, newPodS: 1, lbLagMs: 200, sampleS: 1 });
  const r = await runSoak(soakKnobs);
  t.equal(runningChildren(), 0, 'no child process is left running');
  t.match(r, { date: String, machine: { cores: Number }, settings: { rate: Number, phases: 3 } });
  t.ok(r.settings.rate > 0 && finite(r.settings.calibration.localOnlyRps), 'rate calibrated');
  t.same(r.phases.map((p: any) => p.kind), ['healthy', 'kill', 'healthy']);
  for (const p of r.phases) {
    t.ok(p.sent > 0 && p.sent === p.answered + p.failed, `${p.name}: sent = answered + failed`);
    t.ok([p.p50, p.p99, p.max].every(finite) && p.p50 <= p.p99 && p.p99 <= p.max, `${p.name}: percentiles ordered`);
    t.equal(p.by.fc + p.by.local + p.by.cache + p.by.other, p.answered, `${p.name}: who rendered, for every answer`);
    t.ok(Number.isInteger(p.fcPastDeadline) && p.fcPastDeadline >= 0, `${p.name}: FC calls past deadline counted`);
    t.ok(finite(p.heapAfterGcMb), `${p.name}: heap after GC sampled`);
  }
  const d = r.drain;
  t.ok([d.inFlightAtSigterm, d.sentAfterSigterm, d.answered, d.lost].every(Number.isInteger), 'drain counts');
  t.equal(d.inFlightAtSigterm + d.sentAfterSigterm, d.answered + d.lost, 'every drain request answered or lost');
  t.ok(Number.isInteger(d.exitCode) || typeof d.exitCode === 'string', 'the old pod exit code (or signal)');
  t.ok(d.newPodExitCode !== undefined, 'the new pod was stopped too');
  for (const side of [r.newPod.steady, r.newPod.atSoakStart, r.newPod.atRollingUpdate]) t.ok(finite(side.p99), 'new pod and steady p99');
  t.ok(finite(r.newPod.atSoakStart.readyAfterMs) && finite(r.newPod.atRollingUpdate.readyAfterMs), 'time to ready');
  t.ok(r.fcPastDeadline.emulatorLives === 2 && Number.isInteger(r.fcPastDeadline.total) && r.fcPastDeadline.thresholdMs > 0, 'FC calls past deadline over both emulator lives');
  t.ok(r.memory.rss.length > 0 && r.memory.rss.every((x: any) => finite(x.rssMb)), 'RSS over time');
  t.ok(finite(r.memory.growth.growthPct), 'heap growth computed');
  for (const [name, goal] of Object.entries<any>(r.goals)) t.type(goal.met, 'boolean', `goal ${name} evaluated`);
  const md = soakMarkdown(r);
  t.match(md, /## Goals/);
  t.match(md, /\| 1 \| 2 s \| emulator-killed \|/, 'a row per phase');
  t.notMatch(md, /undefined|NaN/, 'no missing figure');
  const summary = soakSummary(r);
  t.match(summary, /\| 1 emulator-killed \| SIGKILL \+ restart \|/, 'the README summary has a row per phase');
  t.notMatch(summary, /undefined|NaN/, 'and no missing figure');
});
