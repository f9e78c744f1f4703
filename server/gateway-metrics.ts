/**
 * The gateway's Prometheus metrics, on a registry per app (no global state, so tests and several apps in
 * one process do not collide). Names are a public contract: the PrometheusRule alerts in
 * k8s/components/monitoring use them, and a test scrapes a live gateway to prove it.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FailureReason } from './errors.js';

export type PageTarget = 'fc' | 'local' | 'cache' | 'none';
/** ok: the policy's first choice answered; fallback: FC failed → local; hedge: a hedged local render won;
 * spill: local-first sent an overflow page to FC; stale: both failed, a cached copy was served; error: 503. */
export type PageOutcome = 'ok' | 'fallback' | 'hedge' | 'spill' | 'stale' | 'error';
export type BreakerState = 'closed' | 'halfOpen' | 'open';

/** Gauge values documented in the alert rule: 0 closed, 1 half-open, 2 open. */
export const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, halfOpen: 1, open: 2 };

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5, 5, 10];

export interface GatewayMetrics {
  readonly registry: Registry;
  observePage(target: PageTarget, outcome: PageOutcome, status: number, seconds: number): void;
  observeFc(result: 'success' | 'failure', seconds: number): void;
  fallback(reason: FailureReason): void;
  hedge(winner: 'fc' | 'local'): void;
  hedgeRefused(): void;
  spill(): void;
  staleHit(): void;
  breakerState(target: string, state: BreakerState): void;
}

export function createGatewayMetrics({ localInflight, defaultMetrics = true }: { localInflight: () => number; defaultMetrics?: boolean }): GatewayMetrics {
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry });
  const pageDuration = new Histogram({
    name: 'ssr_page_duration_seconds',
    help: 'Time to produce a page, by the target that rendered it and how it got there.',
    labelNames: ['target', 'outcome', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const fcDuration = new Histogram({
    name: 'ssr_fc_duration_seconds',
    help: 'Duration of FC render calls (result="failure" includes timeouts).',
    labelNames: ['result'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: 'ssr_fallbacks_total',
    help: 'Pages that left FC for the local path, by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const hedges = new Counter({
    name: 'ssr_hedges_total',
    help: 'Hedged local renders started because FC had not answered within HEDGE_MS, by the path that won.',
    labelNames: ['winner'] as const,
    registers: [registry],
  });
  const hedgesRefused = new Counter({
    name: 'ssr_hedges_refused_total',
    help: 'Hedges not started because local renders were at their limit.',
    registers: [registry],
  });
  const spills = new Counter({ name: 'ssr_spills_total', help: 'local-first pages sent to FC because the pod was saturated.', registers: [registry] });
  const staleHits = new Counter({ name: 'ssr_cache_hits_total', help: 'Stale cached pages served because no renderer answered.', registers: [registry] });
  const breaker = new Gauge({
    name: 'ssr_breaker_state',
    help: 'Circuit breaker state per FC target: 0 closed, 1 half-open, 2 open.',
    labelNames: ['target'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'ssr_local_inflight',
    help: 'In-process renders running right now.',
    registers: [registry],
    collect() {
      this.set(localInflight());
    },
  });
  return {
    registry,
    observePage: (target, outcome, status, seconds) => pageDuration.observe({ target, outcome, status_code: String(status) }, seconds),
    observeFc: (result, seconds) => fcDuration.observe({ result }, seconds),
    fallback: (reason) => fallbacks.inc({ reason }),
    hedge: (winner) => hedges.inc({ winner }),
    hedgeRefused: () => hedgesRefused.inc(),
    spill: () => spills.inc(),
    staleHit: () => staleHits.inc(),
    breakerState: (target, state) => breaker.set({ target }, BREAKER_STATE_VALUE[state]),
  };
}
