/**
 * The hedge budget: how much extra local render work hedging may cost. A token bucket in the spirit of gRPC's
 * retry throttling (https://github.com/grpc/proposal/blob/master/A6-client-retries.md#throttling-retry-attempts-and-hedged-rpcs)
 * and Finagle's RetryBudget: every FC call deposits `maxExtraLoad` tokens, a small floor trickles in over time
 * (so a quiet pod can still hedge a cold start), and hedges start only while the balance is positive.
 *
 * What is charged is *extra* load: a hedge whose FC call then succeeded anyway (both rendered the page). A hedge
 * whose FC call failed costs nothing extra — the failure would have sent the page to the local render anyway,
 * the hedge only started it earlier — so a brownout whose slow calls time out may hedge all of them, while an FC
 * that is uniformly slow but answering burns at most `maxExtraLoad` of its calls in local renders. The charge
 * is taken when the FC call ends; hedges admitted before then are bounded by the local headroom check.
 *
 * Late hedges may overdraw the bucket down to −capacity (`allowsLate`): a call still unanswered past FC's fast
 * mode (HedgeDelay.lateDelayMs) is almost surely one of a brownout's slow calls, which fail at FC_TIMEOUT_MS and
 * are charged nothing; without the overdraft, a burst of wasted hedges on the fast calls' tail left every slow
 * call of the next seconds waiting out the timeout (bench scenario 4). Every charge is still paid for by
 * deposits, so over time the extra load stays within `maxExtraLoad`; the overdraft only lets one more burst of
 * `capacity` renders through, and only for calls that are that late.
 */
export interface HedgeBudgetOptions {
  /** Tokens per FC call (HEDGE_MAX_EXTRA_LOAD). */
  maxExtraLoad: number;
  /** Largest balance (the burst a long quiet period allows), and the overdraft of late hedges. */
  capacity?: number;
  /** Tokens added per second whatever the traffic. */
  floorPerSecond?: number;
  now?: () => number;
}

export class HedgeBudget {
  private balance: number;
  private last: number;
  private readonly capacity: number;
  private readonly floorPerMs: number;
  private readonly now: () => number;

  constructor(private readonly options: HedgeBudgetOptions) {
    this.capacity = options.capacity ?? 10;
    this.floorPerMs = (options.floorPerSecond ?? 1) / 1000;
    this.now = options.now ?? (() => performance.now());
    this.balance = this.capacity;
    this.last = this.now();
  }

  /** An FC call was made. */
  deposit(): void {
    this.balance = Math.min(this.capacity, this.balance + this.options.maxExtraLoad);
  }

  /** May a hedge start now? */
  allows(): boolean {
    return this.refilled() > 0;
  }

  /** May a late hedge (a call past FC's fast mode) start now? The overdraft down to −capacity is theirs. */
  allowsLate(): boolean {
    return this.refilled() > -this.capacity;
  }

  /** The balance after the floor's trickle since the last look. */
  private refilled(): number {
    const now = this.now();
    this.balance = Math.min(this.capacity, this.balance + (now - this.last) * this.floorPerMs);
    this.last = now;
    return this.balance;
  }

  /**
   * A hedge turned out to be extra work: its FC call succeeded too. Debt is remembered down to twice the
   * overdraft, so the charges of late hedges admitted together (before any of them was charged) are paid too.
   */
  charge(): void {
    this.balance = Math.max(-2 * this.capacity, this.balance - 1);
  }

  /** The current balance (tests, metrics). */
  tokens(): number {
    return this.balance;
  }
}
