/**
 * A health probe whose answers a test scripts: `pass`, `fail`, `hang` (settles only when aborted) or
 * `stuck` (ignores its abort and never settles). Records every call and whether its signal was aborted.
 */
export type ProbeStep = 'pass' | 'fail' | 'hang' | 'stuck';

export interface ScriptedProbe {
  probe: (signal: AbortSignal) => Promise<void>;
  /** Steps still to play; once empty, every call repeats the last one played. */
  script: ProbeStep[];
  readonly calls: { signal: AbortSignal }[];
}

export function createScriptedProbe(script: ProbeStep[]): ScriptedProbe {
  const calls: { signal: AbortSignal }[] = [];
  let last: ProbeStep = 'pass';
  const scripted: ScriptedProbe = {
    script,
    calls,
    probe(signal) {
      calls.push({ signal });
      const step = scripted.script.shift() ?? last;
      last = step;
      if (step === 'pass') return Promise.resolve();
      if (step === 'fail') return Promise.reject(Object.assign(new Error('status 503'), { statusCode: 503 }));
      if (step === 'stuck') return new Promise<void>(() => undefined);
      return new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    },
  };
  return scripted;
}
