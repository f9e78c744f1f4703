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
 */
export interface HedgeBudgetOptions {
  /** Tokens per FC call (HEDGE_MAX_EXTRA_LOAD). */
  maxExtraLoad: number;
  /** Largest balance (the burst a long quiet period allows), and the deepest debt remembered. */
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
    const now = this.now();
    this.balance = Math.min(this.capacity, this.balance + (now - this.last) * this.floorPerMs);
    this.last = now;
    return this.balance > 0;
  }

  /** A hedge turned out to be extra work: its FC call succeeded too. */
  charge(): void {
    this.balance = Math.max(-this.capacity, this.balance - 1);
  }

  /** The current balance (tests, metrics). */
  tokens(): number {
    return this.balance;
  }
}
