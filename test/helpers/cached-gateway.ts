/**
 * A gateway with the render cache on (CACHE_MB=16), a hand-moved clock and the FC emulator, plus small
 * helpers to read what the cache said (`cache-status`, `age`, `x-render-by`) and how often FC was called.
 */
import type { Test } from 'tap';
import type { EmulatorOptions } from '../../functions/emulator/index.js';
import type { GatewayDeps } from '../../server/gateway.js';
import { createClock, type TestClock } from './clock.js';
import { startGateway, type GatewayUnderTest } from './gateway.js';

export interface CachedGateway extends GatewayUnderTest {
  clock: TestClock;
  /** GET (or HEAD) a path; the body is read so the connection is reused. */
  get(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: string }>;
  fcCalls(): number;
}

export async function startCachedGateway(t: Test, options: { env?: Record<string, string>; deps?: GatewayDeps; emulator?: EmulatorOptions | false } = {}): Promise<CachedGateway> {
  const clock = createClock();
  const gateway = await startGateway(t, {
    // A long FC deadline: tests hold FC calls on purpose, and a loaded machine must not turn that into a fallback.
    env: { CACHE_MB: '16', HEDGE_MS: '0', FC_TIMEOUT_MS: '10000', ...options.env },
    deps: { now: clock.now, ...options.deps },
    ...(options.emulator !== undefined ? { emulator: options.emulator } : {}),
  });
  return {
    ...gateway,
    clock,
    async get(path, init) {
      const response = await fetch(gateway.url + path, init);
      return { status: response.status, headers: response.headers, body: await response.text() };
    },
    fcCalls: () => gateway.fc?.stats().calls.total ?? 0,
  };
}

/** Resolves once `count` requests wait on renders in this gateway (polled each turn of the event loop). */
export async function waitForWaiters(gw: GatewayUnderTest, count: number): Promise<void> {
  while (gw.app.renderCache.waiting() < count) await new Promise((resolve) => setImmediate(resolve));
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** POST /cache/purge on the admin listener; `token: null` sends no Authorization header. */
export async function purge(gw: GatewayUnderTest, body: unknown, token: string | null = ADMIN_TOKEN): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${gw.adminUrl}/cache/purge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() as Record<string, unknown> };
}
