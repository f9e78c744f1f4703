/**
 * Calls and slow calls over a rolling time window, in buckets (resilience4j's time-based sliding window for
 * `slowCallRateThreshold`, https://resilience4j.readme.io/docs/circuitbreaker): O(1) per call, old buckets are
 * cleared lazily when time moves on, no timer.
 */
export class SlowCallWindow {
  private readonly calls: number[];
  private readonly slow: number[];
  private readonly bucketMs: number;
  private epoch: number;

  constructor(windowMs: number, buckets = 10, private readonly now: () => number = Date.now) {
    this.calls = new Array<number>(buckets).fill(0);
    this.slow = new Array<number>(buckets).fill(0);
    this.bucketMs = Math.max(1, Math.floor(windowMs / buckets));
    this.epoch = Math.floor(now() / this.bucketMs);
  }

  private advance(): number {
    const epoch = Math.floor(this.now() / this.bucketMs);
    const n = this.calls.length;
    for (let e = this.epoch + 1; e <= epoch && e <= this.epoch + n; e += 1) {
      this.calls[e % n] = 0;
      this.slow[e % n] = 0;
    }
    this.epoch = Math.max(this.epoch, epoch);
    return this.epoch % n;
  }

  record(isSlow: boolean): void {
    const index = this.advance();
    this.calls[index]! += 1;
    if (isSlow) this.slow[index]! += 1;
  }

  /** Calls and slow calls in the window. */
  totals(): { calls: number; slow: number } {
    this.advance();
    let calls = 0;
    let slow = 0;
    for (let i = 0; i < this.calls.length; i += 1) {
      calls += this.calls[i]!;
      slow += this.slow[i]!;
    }
    return { calls, slow };
  }

  clear(): void {
    this.calls.fill(0);
    this.slow.fill(0);
  }
}
