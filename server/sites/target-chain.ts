/**
 * A site's FC targets in priority order, seen by the offload policy as one FC path. A target is eligible
 * while its breaker is not open and its active health check (if the site has one) passes; a page goes to the
 * first eligible target, and when that call fails to the next one, down the list. Only when no target is
 * left does the policy's fallback (local render or the renderer Service) take the page.
 *
 * Why try the next target within the same request: a region that errors or resets fails fast, and the next
 * region runs the same function, so its page is as good as the first one and cheaper than a local render.
 * A rejected call (FC_REJECTED: FC said the request itself is wrong) is not retried elsewhere: every region
 * would say the same.
 */
import { classifyFailure } from '../offload/classify-failure.js';
import type { FcBreaker } from '../offload/fc-breaker.js';
import type { RenderCall, RenderTarget } from '../offload/render-target.js';
import type { RenderResult } from '../render-contract.js';
import type { TargetConfig } from './site-config.js';

/** The part of a health check the chain reads (server/sites/health-check.ts). */
export interface HealthState {
  healthy(): boolean;
}

export interface ChainMember {
  readonly config: TargetConfig;
  readonly target: RenderTarget;
  readonly breaker: FcBreaker;
  /** Undefined when the site has no active health check. */
  readonly health: HealthState | undefined;
}

/** What the offload policy needs from "FC": one call, and whether FC can be tried at all. */
export interface FcPath {
  fire(call: RenderCall): Promise<RenderResult>;
  /** True when no target is eligible: the policy goes straight to its fallback. */
  readonly opened: boolean;
  /** Eligible targets right now. */
  eligible(): number;
  /** The target that rendered this call's page (for the access log). */
  answeredBy(call: RenderCall): string | undefined;
}

export type TargetCallResult = 'ok' | 'failure';

/** Thrown when every target is ineligible; classified BREAKER_OPEN like opossum's own open error. */
function noEligibleTarget(): Error {
  return Object.assign(new Error('no eligible FC target: every breaker is open or every health check failing'), { code: 'EOPENBREAKER' });
}

export function isEligible(member: ChainMember): boolean {
  return !member.breaker.opened && (member.health?.healthy() ?? true);
}

export function createTargetChain(members: readonly ChainMember[], onCall?: (member: ChainMember, result: TargetCallResult) => void): FcPath {
  const answered = new WeakMap<RenderCall, string>();
  return {
    get opened() {
      return !members.some(isEligible);
    },
    eligible: () => members.filter(isEligible).length,
    answeredBy: (call) => answered.get(call),
    async fire(call) {
      let lastError: unknown;
      for (const member of members) {
        if (!isEligible(member)) continue;
        if (call.signal.aborted) break;
        try {
          const result = await member.breaker.fire(call);
          answered.set(call, member.config.name);
          onCall?.(member, 'ok');
          return result;
        } catch (error) {
          lastError = error;
          onCall?.(member, 'failure');
          if (classifyFailure(error) === 'FC_REJECTED') break;
        }
      }
      throw lastError ?? noEligibleTarget();
    },
  };
}
