// The SDK probe: a synchronous InvokeFunction (the real @alicloud/fc20230330 client, through the page
// target's invoker) with the payload {"url":"/healthz","headers":{}} against the real bundle behind the
// emulator; the function answers it without a page, and FC's failures fail the probe.
import Credential, { Config as CredentialConfig } from '@alicloud/credentials';
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';
import { classifyFailure } from '../../server/offload/classify-failure.js';
import type { FcCredential } from '../../server/offload/fc-sdk-target.js';
import { createTargetProbe } from '../../server/sites/target-probe.js';

type CredentialClass = typeof Credential.default;
type ConfigClass = typeof CredentialConfig;
const CredentialCtor = ((Credential as unknown as { default?: CredentialClass }).default ?? Credential) as unknown as CredentialClass;
const credential: FcCredential = new CredentialCtor(new (CredentialConfig as ConfigClass)({ type: 'access_key', accessKeyId: 'LTAIdummy', accessKeySecret: 'dummy-secret' }));

const fc = await startEmulator();
t.teardown(() => fc.close());
const check = { path: '/healthz', intervalMs: 10_000, timeoutMs: 10_000, unhealthyThreshold: 3, healthyThreshold: 2, jitter: 0.1 };
const target = {
  name: 'fc-region-b', transport: 'sdk' as const, timeoutMs: 3000,
  sdk: { accountId: 'local', region: 'cn-shanghai', functionName: 'ssr-render', qualifier: 'LATEST', endpoint: `127.0.0.1:${fc.port}`, protocol: 'http' as const },
};
const probe = createTargetProbe(target, check, { credential });
t.teardown(() => probe.close());
const signal = () => new AbortController().signal;

async function reasonOf(run: Promise<void>): Promise<string> {
  try {
    await run;
  } catch (error) {
    return classifyFailure(error);
  }
  return 'passed';
}

t.test('the health payload passes, on the invocations endpoint', async (t) => {
  t.equal(await reasonOf(probe(signal())), 'passed');
  t.match(fc.stats().calls, { invoke: 1, http: 0 });
});

t.test('FC failures fail the probe', async (t) => {
  for (const [faults, reason] of [[{ functionErrorRate: 1 }, 'FC_FUNCTION_ERROR'], [{ garbageRate: 1 }, 'FC_MALFORMED'], [{ throttleRate: 1 }, 'FC_THROTTLED']] as const) {
    fc.setFaults({ functionErrorRate: 0, garbageRate: 0, throttleRate: 0, ...faults });
    t.equal(await reasonOf(probe(signal())), reason, `${JSON.stringify(faults)} → ${reason}`);
  }
  fc.setFaults({ throttleRate: 0 });
});

t.test('an aborted probe rejects at once (the SDK call cannot be cancelled; it is left to its backstop)', async (t) => {
  fc.setFaults({ hangRate: 1 });
  const controller = new AbortController();
  const run = reasonOf(probe(controller.signal));
  controller.abort(new DOMException('health probe took longer than 2000 ms', 'TimeoutError'));
  t.equal(await run, 'FC_TIMEOUT');
  fc.setFaults({ hangRate: 0 });
});

t.test('an unknown function name fails it', async (t) => {
  const other = createTargetProbe({ ...target, sdk: { ...target.sdk, functionName: 'no-such-function' } }, check, { credential });
  t.equal(await reasonOf(other(signal())), 'FC_REJECTED', 'FunctionNotFound (404) is a rejection');
});
