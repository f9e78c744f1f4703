/**
 * The soak's timeline: fixed-length phases that alternate a fault of the FC emulator with a healthy phase,
 * the first one healthy (the new pod warming up under load) and the last one healthy (the rolling update
 * and the drain start from a healthy FC). Once, in the middle, the emulator process is SIGKILLed and
 * restarted on the same port instead of a fault. The faults are the emulator's knobs
 * (functions/emulator/faults.ts): first every failure mode on every call, then a second round of partial
 * rates, so a long soak also sees FC failing *some* of the time — the mix that keeps the breaker flapping.
 */

/** Every knob the soak changes, healthy. A phase's `faults` are merged over this, so nothing leaks over. */
export const HEALTHY_FAULTS = Object.freeze({
  latencyMs: 0, errorRate: 0, errorStatus: 503, throttleRate: 0, functionErrorRate: 0, hangRate: 0, resetRate: 0,
  garbageRate: 0, slowRate: 0, slowMs: 0, slowBodyRate: 0, slowBodyMs: 0,
});

/** The faults, in the order the soak first runs them; then PARTIAL. */
export const FULL = Object.freeze([
  { name: 'errors', faults: { errorRate: 1, errorStatus: 503 } },
  { name: 'hang', faults: { hangRate: 1 } },
  { name: 'throttling', faults: { throttleRate: 1 } },
  { name: 'resets', faults: { resetRate: 1 } },
  { name: 'garbage', faults: { garbageRate: 1 } },
  { name: 'function-errors', faults: { functionErrorRate: 1 } },
  { name: 'slow-share', faults: { slowRate: 0.3, slowMs: 2000 } },
  { name: 'slow-body', faults: { slowBodyRate: 0.3, slowBodyMs: 3000 } },
  { name: 'uniform-latency', faults: { latencyMs: 300 } },
]);

export const PARTIAL = Object.freeze([
  { name: 'errors-30%', faults: { errorRate: 0.3, errorStatus: 500 } },
  { name: 'hang-20%', faults: { hangRate: 0.2 } },
  { name: 'throttling-50%', faults: { throttleRate: 0.5 } },
  { name: 'resets-30%', faults: { resetRate: 0.3 } },
  { name: 'garbage-30%', faults: { garbageRate: 0.3 } },
  { name: 'function-errors-30%', faults: { functionErrorRate: 0.3 } },
  { name: 'slow-share-10%-3s', faults: { slowRate: 0.1, slowMs: 3000 } },
  { name: 'uniform-latency-150ms', faults: { latencyMs: 150 } },
  { name: 'slow-body-10%-5s', faults: { slowBodyRate: 0.1, slowBodyMs: 5000 } },
  { name: 'mixed', faults: { errorRate: 0.1, hangRate: 0.05, resetRate: 0.05, slowRate: 0.1, slowMs: 1500, latencyMs: 50 } },
]);

export const KILL = Object.freeze({ name: 'emulator-killed', kill: true, faults: {} });

/**
 * Build the phases for `durationS` of soak in `phaseS` steps; `only` (names from FULL / PARTIAL, in order)
 * replaces the fault list, to reproduce one failure mode for longer.
 * @returns {{ index: number, name: string, kind: 'healthy' | 'fault' | 'kill', faults: object, startS: number, endS: number }[]}
 */
export function soakPhases(durationS, phaseS, only) {
  if (!(phaseS > 0)) throw new Error(`phase length must be > 0 s, got ${phaseS}`);
  const count = Math.max(1, Math.floor(durationS / phaseS));
  const faultSlots = Math.floor((count - 1) / 2);
  // The kill goes in the middle fault slot (never the first: the run needs a steady state before it).
  const killSlot = faultSlots >= 2 ? Math.floor(faultSlots / 2) : faultSlots === 1 ? 0 : -1;
  const known = [...FULL, ...PARTIAL];
  const faults = only?.length ? only.map((name) => known.find((f) => f.name === name) ?? fail(name, known)) : known;
  const phases = [];
  let next = 0;
  for (let index = 0; index < count; index += 1) {
    const slot = index % 2 === 1 && index < count - 1 ? (index - 1) / 2 : -1;
    let spec;
    if (slot < 0) spec = { name: index === 0 ? 'warm-up (healthy)' : 'healthy', kind: 'healthy', faults: {} };
    else if (slot === killSlot) spec = { ...KILL, kind: 'kill' };
    else spec = { ...faults[next++ % faults.length], kind: 'fault' };
    phases.push({ index, ...spec, faults: { ...HEALTHY_FAULTS, ...spec.faults }, startS: index * phaseS, endS: (index + 1) * phaseS });
  }
  return phases;
}

function fail(name, known) {
  throw new Error(`SOAK_FAULTS: unknown fault "${name}" (known: ${known.map((f) => f.name).join(', ')})`);
}
