/**
 * The Alibaba Cloud SDK side of the SDK transport: one FC client and its `InvokeFunction` call. Its own module
 * because the SDK is large (its import adds ~8 MB of heap and ~280 files, measured with `node --expose-gc`),
 * and a gateway whose targets all use HTTP triggers, or that renders locally only, should not carry it:
 * fc-sdk-target.ts imports this module only when an SDK target is built.
 */
import { Readable } from 'node:stream';
import Credential from '@alicloud/credentials';
import FCClientModule, { InvokeFunctionHeaders, InvokeFunctionRequest } from '@alicloud/fc20230330';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { RuntimeOptions } from '@darabonba/typescript';
import type { SdkTarget } from '../config.js';
import { UpstreamFailureError } from '../errors.js';

// The package is CommonJS with `exports.default`; under ESM the class may sit one level down.
type FCClientClass = typeof FCClientModule.default;
type CredentialClass = typeof Credential.default;
const FCClient: FCClientClass = (FCClientModule as unknown as { default?: FCClientClass }).default ?? (FCClientModule as unknown as FCClientClass);
const DefaultCredential: CredentialClass = (Credential as unknown as { default?: CredentialClass }).default ?? (Credential as unknown as CredentialClass);

async function readAll(body: Readable | undefined): Promise<string> {
  if (!body) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

/** A credential source for the SDK (see `@alicloud/credentials`). */
export type FcCredential = InstanceType<CredentialClass>;

export interface SdkInvokeOptions {
  target: SdkTarget;
  /** The SDK's own read and connect timeouts (a backstop above the call's deadline). */
  sdkTimeoutMs: number;
  /** Defaults to the standard chain: env keys, STS, RRSA/OIDC (ACK), profile, ECS RAM role. */
  credential?: FcCredential;
}

/** One client for the target; the returned call sends a JSON payload and resolves the function's answer body. */
export function createSdkInvoke(options: SdkInvokeOptions): (payload: unknown) => Promise<string> {
  const { target, sdkTimeoutMs } = options;
  const client = new FCClient(new $OpenApiUtil.Config({
    credential: options.credential ?? new DefaultCredential(),
    endpoint: target.endpoint,
    protocol: target.protocol,
    regionId: target.region,
    readTimeout: sdkTimeoutMs,
    connectTimeout: sdkTimeoutMs,
  }));
  return async function invoke(payload) {
    const response = await client.invokeFunctionWithOptions(
      target.functionName,
      new InvokeFunctionRequest({ body: Readable.from(Buffer.from(JSON.stringify(payload))), qualifier: target.qualifier }),
      new InvokeFunctionHeaders({ xFcInvocationType: 'Sync', xFcLogType: 'None' }),
      new RuntimeOptions({ readTimeout: sdkTimeoutMs, connectTimeout: sdkTimeoutMs }),
    );
    const text = await readAll(response.body);
    // A function exception is HTTP 200 plus this header (docs/sources.md#fc-function-error).
    const errorType = response.headers?.['x-fc-error-type'];
    if (errorType) throw new UpstreamFailureError('FC_FUNCTION_ERROR', `x-fc-error-type: ${errorType}`);
    return text;
  };
}
