/**
 * The offload policy: which target renders a page, what happens when it fails, and what the client,
 * the log and the metrics are told. Flow is one way: request → policy → target(s) → answer.
 *
 * - fc-first: FC through its breaker; any FC failure (or an open breaker) → the fallback target.
 *   A local render starts if FC has not answered after the hedge delay (adaptive by default, see
 *   hedge-delay.ts; only while the local path has headroom and the hedge budget allows) and the first good
 *   page wins. The losing FC call is not aborted: it runs to its own deadline so the breaker still learns
 *   whether FC is healthy; a hedge that lost to FC leaves the local queue if it has not started yet.
 * - local-first: render in-process; spill to FC only while the pod is saturated.
 * - local-only: never call FC.
 * Nothing from a failed FC answer reaches the client: a fallback page is built from the local result only.
 */
import type { RenderResult } from '../render-contract.js';
import type { OffloadPolicy } from '../config.js';
import { LocalQueueFullError, NoHealthyRendererError, UpstreamFailureError, type FailureReason } from '../errors.js';
import type { GatewayMetrics, PageOutcome, PageTarget } from '../gateway-metrics.js';
import type { PageAnswer, Timing } from '../plugins/pages.js';
import { linkAbort } from '../call-deadline.js';
import { classifyFailure } from './classify-failure.js';
import type { StallDetector } from './fc-stall.js';
import type { HedgeBudget } from './hedge-budget.js';
import type { HedgeDelay } from './hedge-delay.js';
import type { LoadSignal } from './load-signal.js';
import type { RenderCall, RenderTarget } from './render-target.js';
import type { FcPath } from '../sites/target-chain.js';

export interface OffloadPolicyDeps {
  /** The site this policy serves (label on its metrics). */
  site: string;
  policy: OffloadPolicy;
  /** The hedge delay (0 = no hedging), read per request. */
  hedge: HedgeDelay;
  /** Caps the local renders hedging may waste. */
  budget: HedgeBudget;
  /** The site's FC targets in priority order, each behind its breaker (undefined under local-only). */
  fc: FcPath | undefined;
  /** Notices an FC that answers nothing at all before its calls time out. */
  stall: StallDetector;
  /** The in-process render (bounded queue). */
  local: RenderTarget;
  /** Renders waiting in the local queue. */
  localQueued: () => number;
  /** Where pages go when FC fails: `local`, or the renderer Service (FALLBACK_URL). */
  fallback: RenderTarget;
  load: LoadSignal;
  /** Hedge cap for a remote fallback target, and how many renders a hedge may queue behind locally. */
  maxInflight: number;
  /** LOCAL_QUEUE_MAX: hedges never take more than min(maxInflight, queueMax) places in the local queue. */
  queueMax: number;
  metrics: GatewayMetrics;
}

type Settled = { ok: true; result: RenderResult } | { ok: false; error: unknown; reason: FailureReason };

const HEDGE = Symbol('ssr.hedge');

export function createOffloadPolicy(deps: OffloadPolicyDeps): (call: RenderCall) => Promise<PageAnswer> {
  const { metrics } = deps;
  const hedgeQueueRoom = Math.min(deps.maxInflight, deps.queueMax);
  /** performance.now() of the newest FC success: a hedge firing with none since its call began means a stall. */
  let lastFcSuccessAt = Number.NEGATIVE_INFINITY;

  async function callFc(call: RenderCall, timings: Timing[]): Promise<Settled> {
    const started = performance.now();
    try {
      const result = await deps.fc!.fire(call);
      const now = performance.now();
      const durationMs = now - started;
      lastFcSuccessAt = now;
      deps.stall.success(started);
      deps.budget.deposit();
      deps.hedge.record(durationMs);
      metrics.observeFc('success', durationMs / 1000);
      timings.push({ name: 'fc', durationMs });
      return { ok: true, result };
    } catch (error) {
      const durationMs = performance.now() - started;
      const reason = classifyFailure(error);
      if (reason !== 'BREAKER_OPEN') {
        deps.budget.deposit();
        metrics.observeFc('failure', durationMs / 1000);
      }
      timings.push({ name: 'fc', durationMs, description: reason });
      return { ok: false, error, reason };
    }
  }

  async function renderWith(target: RenderTarget, call: RenderCall, timings: Timing[]): Promise<Settled> {
    const started = performance.now();
    try {
      const result = await target.render(call);
      timings.push({ name: 'render', durationMs: performance.now() - started, ...(target === deps.local ? {} : { description: target.name }) });
      return { ok: true, result };
    } catch (error) {
      // A hedge withdrawn because FC won is nobody's answer: no timing entry for it.
      if (!call.signal.aborted) timings.push({ name: 'render', durationMs: performance.now() - started, description: 'failed' });
      return { ok: false, error, reason: classifyFailure(error) };
    }
  }

  function answer(target: Exclude<PageTarget, 'none'>, outcome: PageOutcome, result: RenderResult, timings: Timing[], log: Record<string, unknown> = {}): PageAnswer {
    return { result, renderBy: target, timings, log: { target, outcome, ...log } };
  }

  /** An FC page, with the target (region) that rendered it in the access log. */
  function fcAnswer(call: RenderCall, outcome: PageOutcome, result: RenderResult, timings: Timing[], log: Record<string, unknown> = {}): PageAnswer {
    return answer('fc', outcome, result, timings, { fcTarget: deps.fc?.answeredBy(call), ...log });
  }

  /**
   * Neither path produced a page: the render cache in front serves a stale copy, or the host its 503 page. A
   * shed local render is rethrown as the coded LocalQueueFullError (reason LOCAL_SHED), so the layers in front
   * can tell "overloaded, retry in a second" from "no renderer is healthy".
   */
  function noPage(_call: RenderCall, _timings: Timing[], causes: unknown[], _log: Record<string, unknown>): never {
    const shed = causes.find((cause) => cause instanceof LocalQueueFullError);
    if (shed) throw shed;
    throw new NoHealthyRendererError(causes.map((cause) => (cause as Error)?.message ?? String(cause)).join('; '), { cause: causes[0] });
  }

  async function fallBack(call: RenderCall, timings: Timing[], failed: Settled & { ok: false }): Promise<PageAnswer> {
    // The client left (that is why FC was cut off): rendering for nobody would only burn local CPU.
    if (call.signal.aborted) throw failed.error;
    metrics.fallback(failed.reason);
    const local = await renderWith(deps.fallback, call, timings);
    if (local.ok) return answer('local', 'fallback', local.result, timings, { reason: failed.reason });
    return noPage(call, timings, [local.error, failed.error], { reason: failed.reason });
  }

  /**
   * Local headroom for a hedge: the event loop is not lagging, and a slot is free or fewer than
   * min(LOCAL_MAX_INFLIGHT, LOCAL_QUEUE_MAX) renders wait for one — hedges never fill the queue that fallbacks
   * need. A remote fallback: its in-flight count.
   */
  function hedgeRefusal(late: boolean): 'headroom' | 'budget' | undefined {
    if (deps.fallback === deps.local) {
      if (deps.load.lagging() || (deps.local.inflight() >= deps.maxInflight && deps.localQueued() >= hedgeQueueRoom)) return 'headroom';
    } else if (deps.fallback.inflight() >= deps.maxInflight || deps.load.saturated()) {
      return 'headroom';
    }
    return (late ? deps.budget.allowsLate() : deps.budget.allows()) ? undefined : 'budget';
  }

  /** FC's answer, or HEDGE once `ms` have passed and one more event-loop turn has run. */
  async function fcWithin(fc: Promise<Settled>, ms: number): Promise<Settled | typeof HEDGE> {
    let timer: NodeJS.Timeout | undefined;
    let turn: NodeJS.Immediate | undefined;
    const due = new Promise<typeof HEDGE>((resolve) => {
      // The hedge starts one event-loop turn after its timer: timers run before I/O is read, so after a stall
      // (a GC pause, a busy render, a descheduled pod) longer than the delay, every hedge would fire before the
      // FC answers that arrived meanwhile are read — all wasted, and charged to the budget together.
      timer = setTimeout(() => { turn = setImmediate(resolve, HEDGE); }, ms);
    });
    try {
      return await Promise.race([fc, due]);
    } finally {
      clearTimeout(timer);
      clearImmediate(turn);
    }
  }

  async function hedged(call: RenderCall, timings: Timing[], delayMs: number): Promise<PageAnswer> {
    const sentAt = performance.now();
    const fc = callFc(call, timings);
    const first = await fcWithin(fc, delayMs);
    if (first !== HEDGE) return first.ok ? fcAnswer(call, 'ok', first.result, timings) : fallBack(call, timings, first);
    // Nothing from FC succeeded during this whole delay, while it was answering before (the delay is learned).
    if (deps.hedge.learned()) deps.stall.hedgeFired(sentAt, lastFcSuccessAt);
    let refusal = hedgeRefusal(false);
    const lateMs = deps.hedge.lateDelayMs();
    if (refusal === 'budget' && lateMs > 0) {
      // The budget is spent, but a call that outlives FC's fast mode may still be hedged from its overdraft.
      const second = await fcWithin(fc, lateMs - (performance.now() - sentAt));
      if (second !== HEDGE) {
        metrics.hedgeRefused('budget');
        return second.ok ? fcAnswer(call, 'ok', second.result, timings, { hedge: 'refused' }) : fallBack(call, timings, second);
      }
      refusal = hedgeRefusal(true);
      if (!refusal) metrics.hedgeLate();
    }
    if (refusal) {
      metrics.hedgeRefused(refusal);
      const late = await fc;
      return late.ok ? fcAnswer(call, 'ok', late.result, timings, { hedge: 'refused' }) : fallBack(call, timings, late);
    }
    // The hedge's own signal: withdrawn when FC wins (it leaves the local queue if still waiting) or the client leaves.
    // Linked, not AbortSignal.any: the client's signal lives as long as its connection (server/client-gone.ts).
    const withdraw = new AbortController();
    const unlink = linkAbort(call.signal, withdraw);
    const hedgeCall: RenderCall = { ...call, signal: withdraw.signal };
    // Extra load is a hedge whose FC call worked anyway: both rendered the page (see hedge-budget.ts).
    void fc.then((s) => { if (s.ok) deps.budget.charge(); });
    const local = renderWith(deps.fallback, hedgeCall, timings);
    void local.then(unlink, unlink);
    const winner = await Promise.race([fc.then((s) => ({ from: 'fc' as const, s })), local.then((s) => ({ from: 'local' as const, s }))]);
    if (winner.from === 'fc' && winner.s.ok) withdraw.abort();
    if (winner.s.ok) {
      metrics.hedge(winner.from);
      return winner.from === 'fc'
        ? fcAnswer(call, 'ok', winner.s.result, timings, { hedge: 'fc' })
        : answer('local', 'hedge', winner.s.result, timings, { hedge: 'local' });
    }
    // The first to finish failed: the other one is the page.
    if (winner.from === 'fc') {
      metrics.fallback(winner.s.reason);
      const s = await local;
      return s.ok ? answer('local', 'fallback', s.result, timings, { reason: winner.s.reason, hedge: 'local' }) : noPage(call, timings, [s.error, winner.s.error], { reason: winner.s.reason });
    }
    const s = await fc;
    if (s.ok) return fcAnswer(call, 'ok', s.result, timings, { hedge: 'fc' });
    metrics.fallback(s.reason);
    return noPage(call, timings, [s.error, winner.s.error], { reason: s.reason });
  }

  async function fcFirst(call: RenderCall, timings: Timing[]): Promise<PageAnswer> {
    // FC answered nothing during the last hedges' delays: do not make this page wait for it too.
    // With a second eligible target (another region), the chain moves on instead: skipping FC would skip it too.
    if (deps.stall.stalled() && !deps.fc!.opened && deps.fc!.eligible() <= 1) {
      timings.push({ name: 'fc', durationMs: 0, description: 'FC_SLOW' });
      return fallBack(call, timings, { ok: false, error: new UpstreamFailureError('FC_SLOW', 'FC stalled: no answer during the last hedge delays'), reason: 'FC_SLOW' });
    }
    // An open breaker answers at once, so there is nothing to hedge against.
    const delayMs = deps.hedge.delayMs();
    if (delayMs > 0 && !deps.fc!.opened) return hedged(call, timings, delayMs);
    const fc = await callFc(call, timings);
    return fc.ok ? fcAnswer(call, 'ok', fc.result, timings) : fallBack(call, timings, fc);
  }

  async function localFirst(call: RenderCall, timings: Timing[]): Promise<PageAnswer> {
    if (deps.load.saturated()) {
      metrics.spill();
      const fc = await callFc(call, timings);
      return fc.ok ? fcAnswer(call, 'spill', fc.result, timings) : fallBack(call, timings, fc);
    }
    const local = await renderWith(deps.local, call, timings);
    if (local.ok) return answer('local', 'ok', local.result, timings);
    // A local crash is a bug, but FC runs the same code in another process and may still answer.
    const fc = await callFc(call, timings);
    if (fc.ok) return fcAnswer(call, 'spill', fc.result, timings, { localError: (local.error as Error)?.message });
    return noPage(call, timings, [local.error, fc.error], { reason: fc.reason });
  }

  async function localOnly(call: RenderCall, timings: Timing[]): Promise<PageAnswer> {
    const local = await renderWith(deps.local, call, timings);
    if (local.ok) return answer('local', 'ok', local.result, timings);
    return noPage(call, timings, [local.error], {});
  }

  const route = { 'fc-first': fcFirst, 'local-first': localFirst, 'local-only': localOnly }[deps.policy];

  return async function answerPage(call: RenderCall): Promise<PageAnswer> {
    const started = performance.now();
    const timings: Timing[] = [];
    // A throw is counted by the render cache, which may still answer it with a stale copy.
    const page = await route(call, timings);
    metrics.observePage(deps.site, page.renderBy, (page.log?.outcome as PageOutcome) ?? 'ok', page.result.status, (performance.now() - started) / 1000);
    return page;
  };
}
