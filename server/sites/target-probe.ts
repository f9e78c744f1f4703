/**
 * One health probe of one target, in the target's own transport, for server/sites/health-check.ts. The
 * probe never renders a page: the function answers its health path (`/healthz`) itself (functions/health-answer.ts).
 *
 * - HTTP trigger: `GET {target.url}{check.path}` over a keep-alive pool of its own (one socket: probes never
 *   queue behind page renders, and never take a render's socket). Pass = a 2xx answer without FC's
 *   `x-fc-error-type`, whose body is text or JSON that parses; anything else — another status, a reset, a
 *   binary or broken body — fails with the FailureReason a page call would have got.
 * - SDK: a synchronous `InvokeFunction` with the direct-invoke payload `{"url": check.path, "headers": {}}`,
 *   through the page target's own invoker (server/offload/fc-sdk-target.ts); pass = a JSON answer with a 2xx
 *   `status`.
 *
 * Each probe of a real FC target is a billed invocation (README "Active health checks").
 */
import { UpstreamFailureError } from '../errors.js';
import { createFcInvoker, type FcCredential } from '../offload/fc-sdk-target.js';
import { upstreamTarget } from '../offload/http-page-target.js';
import { undiciAgent } from '../offload/undici-agent.js';
import type { HealthCheckConfig, TargetConfig } from './site-config.js';

/** A probe the checker calls, plus `close()` for the keep-alive pool it holds (call it when the target goes). */
export type TargetProbe = ((signal: AbortSignal) => Promise<void>) & { close(): Promise<void> };

export interface TargetProbeDeps {
  /** SDK targets: the credential source (default: the SDK's standard chain, as for pages). */
  credential?: FcCredential;
}

/** A health answer is small; anything larger is not one (and is not buffered). */
const MAX_HEALTH_BODY = 64 * 1024;
const HEALTH_HEADERS = { accept: 'application/json, text/plain;q=0.9', 'user-agent': 'ssr-offload-health-check' };

/** Status of a non-2xx health answer → the reason a page call would have failed with. */
function statusFailure(status: number, where: string): UpstreamFailureError {
  if (status === 429) return new UpstreamFailureError('FC_THROTTLED', `${where} answered 429`);
  if (status >= 500) return new UpstreamFailureError('FC_5XX', `${where} answered ${status}`);
  return new UpstreamFailureError(status >= 400 ? 'FC_REJECTED' : 'FC_MALFORMED', `${where} answered ${status}, not 2xx`);
}

async function readSmall(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_HEALTH_BODY) throw new UpstreamFailureError('FC_MALFORMED', `health answer larger than ${MAX_HEALTH_BODY} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Throw unless `type`/`text` is a health answer: JSON that parses, or plain text (a custom container's own
 * server may answer `ok`). Binary or truncated bodies fail (FC_MALFORMED).
 */
export function assertHealthBody(type: string, text: string): void {
  if (/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    try {
      JSON.parse(text);
    } catch (error) {
      throw new UpstreamFailureError('FC_MALFORMED', 'health answer is not valid JSON', { cause: error });
    }
    return;
  }
  if (!/^text\//i.test(type)) throw new UpstreamFailureError('FC_MALFORMED', `health answer has content-type "${type}", not JSON or text`);
}

function createHttpProbe(baseUrl: string, check: HealthCheckConfig, name: string): TargetProbe {
  const base = new URL(baseUrl);
  const origin = base.origin;
  // The target's base path (an FC_URL may carry one) plus the health path, checked like a page path.
  const path = upstreamTarget(base.pathname.replace(/\/+$/, ''), check.path);
  const Agent = undiciAgent();
  const agent = new Agent({
    connections: 1,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    // Backstops only: the checker aborts the probe at its timeoutMs (server/sites/health-check.ts).
    headersTimeout: check.timeoutMs + 1000,
    bodyTimeout: check.timeoutMs + 1000,
    connect: { timeout: check.timeoutMs },
  });
  const probe = async (signal: AbortSignal): Promise<void> => {
    const response = await agent.request({ origin, path, method: 'GET', headers: HEALTH_HEADERS, signal });
    const errorType = response.headers['x-fc-error-type'];
    if (errorType || response.statusCode < 200 || response.statusCode > 299) {
      // Drain so the keep-alive socket is reused.
      response.body.dump().catch(() => undefined);
      if (errorType) throw new UpstreamFailureError('FC_FUNCTION_ERROR', `x-fc-error-type: ${String(errorType)} (status ${response.statusCode})`);
      throw statusFailure(response.statusCode, name);
    }
    assertHealthBody(String(response.headers['content-type'] ?? ''), await readSmall(response.body));
  };
  return Object.assign(probe, { close: () => agent.close() });
}

function createSdkProbe(target: Extract<TargetConfig, { transport: 'sdk' }>, check: HealthCheckConfig, deps: TargetProbeDeps): TargetProbe {
  const invoke = createFcInvoker({ target: target.sdk, timeoutMs: check.timeoutMs, ...(deps.credential ? { credential: deps.credential } : {}) });
  const probe = async (signal: AbortSignal): Promise<void> => {
    const text = await invoke({ url: check.path, headers: {} }, signal);
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch (error) {
      throw new UpstreamFailureError('FC_MALFORMED', 'InvokeFunction answered a body that is not JSON', { cause: error });
    }
    const status = (answer as { status?: unknown } | null)?.status;
    if (typeof status !== 'number' || !Number.isInteger(status)) throw new UpstreamFailureError('FC_MALFORMED', `InvokeFunction answer has no valid status (${String(status)})`);
    if (status < 200 || status > 299) throw statusFailure(status, target.name);
  };
  return Object.assign(probe, { close: async () => undefined });
}

/**
 * @example
 * const probe = createTargetProbe(target, site.healthCheck);
 * const check = createHealthCheck({ probe, config: site.healthCheck });
 * // on removal: check.stop(); await probe.close();
 */
export function createTargetProbe(target: TargetConfig, check: HealthCheckConfig, deps: TargetProbeDeps = {}): TargetProbe {
  return target.transport === 'sdk' ? createSdkProbe(target, check, deps) : createHttpProbe(target.url, check, target.name);
}
