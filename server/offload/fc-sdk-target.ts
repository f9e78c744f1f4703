/**
 * FC through the OpenAPI `InvokeFunction` call (`FC_TRANSPORT=sdk`) with the direct-invoke payload
 * `{url, headers}` → `{status, headers, html}`. The SDK has no AbortSignal, so the call races its own
 * deadline; its read/connect timeouts are set just above the budget as a backstop (connect is a socket
 * idle timer, so it must be >= read: docs/sources.md#fc-sdk).
 */
import type { RenderResult } from '../render-contract.js';
import { canonicalPageUrl } from '../page-url.js';
import type { SdkTarget } from '../config.js';
import { BadRequestUrlError, UpstreamFailureError } from '../errors.js';
import { assertPageBody, pageHeaders } from './page-response.js';
import { countingInflight, type RenderCall, type RenderTarget } from './render-target.js';
// Types only: nothing of the SDK is loaded with this module (see loadSdk).
import type { FcCredential } from './fc-sdk-client.js';

export type { FcCredential };

export interface FcSdkTargetOptions {
  target: SdkTarget;
  timeoutMs: number;
  /** Label on metrics and logs; default `fc-sdk`. */
  name?: string;
  /** Defaults to the standard chain: env keys, STS, RRSA/OIDC (ACK), profile, ECS RAM role. */
  credential?: FcCredential;
}

/** Parse and check the direct-invoke answer. */
export function toRenderResult(text: string): RenderResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UpstreamFailureError('FC_MALFORMED', 'InvokeFunction answered a body that is not JSON', { cause: error });
  }
  const { status, headers, html } = (value ?? {}) as Record<string, unknown>;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    throw new UpstreamFailureError('FC_MALFORMED', `InvokeFunction answer has no valid status (${String(status)})`);
  }
  if (typeof html !== 'string') throw new UpstreamFailureError('FC_MALFORMED', 'InvokeFunction answer has no html string');
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers) || Object.values(headers).some((v) => typeof v !== 'string')) {
    throw new UpstreamFailureError('FC_MALFORMED', 'InvokeFunction answer headers are not a string map');
  }
  // The app's own page statuses: the same rules as the HTTP transport.
  if (status === 429) throw new UpstreamFailureError('FC_THROTTLED', 'the function answered 429');
  if (status >= 500) throw new UpstreamFailureError('FC_5XX', `the function answered ${status}`);
  assertPageBody(status, html);
  return { status, headers: pageHeaders(headers as Record<string, string>), html };
}

function deadline(ms: number, signal: AbortSignal): { promise: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DOMException(`InvokeFunction took longer than ${ms} ms`, 'TimeoutError')), ms);
    // Held by this closure until cleared (never an AbortSignal.timeout a GC could collect); unref'd so a
    // pending deadline never keeps the process alive on its own.
    timer.unref();
    onAbort = () => reject(signal.reason ?? new DOMException('client went away', 'AbortError'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return {
    promise,
    clear: () => {
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
    },
  };
}

/** What the SDK transport sends: the direct-invoke payload (docs/functions.md "Gateway → function wire format"). */
export interface DirectInvokePayload {
  /** Canonical path plus query, starting with `/`. */
  url: string;
  headers: Record<string, string>;
}

let sdkLoading: Promise<typeof import('./fc-sdk-client.js')> | undefined;
const loadSdk = () => (sdkLoading ??= import('./fc-sdk-client.js'));

/**
 * Resolves once the SDK module is loaded if an SDK target has been built (at once otherwise); rejects when it
 * cannot be loaded. The gateway waits for it before it listens.
 */
export function sdkLoaded(): Promise<void> {
  return sdkLoading ? sdkLoading.then(() => undefined) : Promise.resolve();
}

export interface FcInvokerOptions {
  target: SdkTarget;
  /** The call's deadline (the SDK's own timeouts are set 1 s above it as a backstop). */
  timeoutMs: number;
  credential?: FcCredential;
}

/**
 * One synchronous `InvokeFunction` of the target's function, raced against its deadline and the caller's
 * signal: resolves the function's answer body, rejects with a `TimeoutError` at the deadline, with the
 * signal's reason when it aborts, or `FC_FUNCTION_ERROR` when FC reports a function error. Shared by the
 * page target and the health probe (server/sites/target-probe.ts).
 * @example
 * const invoke = createFcInvoker({ target, timeoutMs: 3000 });
 * const text = await invoke({ url: '/products/1001', headers: {} }, signal);
 */
export function createFcInvoker(options: FcInvokerOptions): (payload: DirectInvokePayload, signal: AbortSignal) => Promise<string> {
  const { target, timeoutMs } = options;
  // Backstop above our own deadline, so the SDK never cuts a call the budget still allows.
  const sdkTimeout = timeoutMs + 1000;
  // The SDK module is imported when the first SDK target is built, not with the gateway (see fc-sdk-client.ts);
  // start-up waits for it (sdkLoaded), so no call's deadline is spent importing it.
  const client = loadSdk().then((sdk) => sdk.createSdkInvoke({ target, sdkTimeoutMs: sdkTimeout, ...(options.credential ? { credential: options.credential } : {}) }));
  client.catch(() => undefined); // a failed import rejects every call instead, with the reason
  const invoke = async (payload: DirectInvokePayload) => (await client)(payload);

  return async function invokeWithDeadline(payload, signal) {
    const limit = deadline(timeoutMs, signal);
    const attempt = invoke(payload);
    // The SDK call cannot be cancelled; keep its late failure from becoming an unhandled rejection.
    attempt.catch(() => undefined);
    try {
      return await Promise.race([attempt, limit.promise]);
    } finally {
      limit.clear();
    }
  };
}

export function createFcSdkTarget(options: FcSdkTargetOptions): RenderTarget {
  const invoke = createFcInvoker(options);

  async function renderOverSdk(call: RenderCall): Promise<RenderResult> {
    // The function resolves nothing: it gets the canonical URL the gateway decided, or no call at all.
    const url = canonicalPageUrl(call.renderRequest.url);
    if (!url.ok || !url.canonical) throw new BadRequestUrlError(url.ok ? 'not in canonical form' : url.reason);
    return toRenderResult(await invoke({ url: url.url, headers: call.renderRequest.headers }, call.signal));
  }

  const counted = countingInflight(renderOverSdk);
  return { name: options.name ?? 'fc-sdk', ...counted, close: async () => undefined };
}
