// The soak's timeline (bench/lib/soak-phases.mjs): phases start and end healthy, every fault phase is
// followed by a healthy one, the emulator is killed exactly once (in the middle, never first), every
// failure mode of the emulator appears in a default 10-minute soak, and each phase sets every knob (a
// fault never leaks into the next phase).
import t from 'tap';

const { soakPhases, FULL, HEALTHY_FAULTS } = await import('../../bench/lib/soak-phases.mjs');

type Phase = { index: number; name: string; kind: string; faults: Record<string, number>; startS: number; endS: number };

t.test('the default 10 minutes in 20 s phases', async (t) => {
  const phases: Phase[] = soakPhases(600, 20);
  t.equal(phases.length, 30);
  t.equal(phases[0]!.kind, 'healthy', 'starts healthy (the new pod warms up)');
  t.equal(phases.at(-1)!.kind, 'healthy', 'ends healthy (the rolling update starts from a healthy FC)');
  t.same(phases.map((p) => [p.startS, p.endS]), phases.map((_, i) => [i * 20, (i + 1) * 20]), 'back to back');
  for (let i = 1; i < phases.length; i++) {
    if (phases[i]!.kind !== 'healthy') t.equal(phases[i - 1]!.kind, 'healthy', `${phases[i]!.name} follows a healthy phase`);
  }
  const kills = phases.filter((p) => p.kind === 'kill');
  t.equal(kills.length, 1, 'the emulator is killed once');
  t.ok(kills[0]!.index > 2 && kills[0]!.index < 27, 'in the middle');
  const names = new Set(phases.map((p) => p.name));
  for (const fault of FULL as Array<{ name: string }>) t.ok(names.has(fault.name), `${fault.name} runs`);
  for (const phase of phases) t.same(Object.keys(phase.faults).sort(), Object.keys(HEALTHY_FAULTS).sort(), `${phase.name} sets every knob`);
  t.same(phases[2]!.faults, HEALTHY_FAULTS, 'a healthy phase clears everything');
});

t.test('short runs still start and end healthy; a bad phase length is refused', async (t) => {
  const phases: Phase[] = soakPhases(6, 2);
  t.same(phases.map((p) => p.kind), ['healthy', 'kill', 'healthy']);
  t.same(soakPhases(1, 2).map((p: Phase) => p.kind), ['healthy'], 'shorter than a phase: one healthy phase');
  t.throws(() => soakPhases(60, 0), /phase length/);
});
