/**
 * A stall: FC answers nothing at all, while it answered before. The breaker only learns of a hang when the hung
 * calls reach FC_TIMEOUT_MS; until then every request would wait for its hedge delay. Evidence arrives
 * sooner: a hedge fires for a call and no FC call has succeeded since that call was sent. When that happens
 * for N calls in a row (ordered by when they were sent, like FailureStreak: a later-sent call that works
 * breaks the streak), new pages skip FC and render locally at once (reason FC_SLOW) until an FC call succeeds
 * again or FC_TIMEOUT_MS has passed — by then every call in flight has either answered (a latency step, not
 * a hang: FC serves again) or failed (and the breaker's own rules have opened it).
 */
import { FailureStreak } from './failure-streak.js';

export class StallDetector {
  private readonly streak: FailureStreak;
  private until = Number.NEGATIVE_INFINITY;

  /**
   * @param limit hedges in a row that found no FC success since their call was sent (0 = off)
   * @param holdMs longest time new calls skip FC after a stall (FC_TIMEOUT_MS)
   */
  constructor(private readonly limit: number, private readonly holdMs: number, private readonly now: () => number = () => performance.now()) {
    this.streak = new FailureStreak(Math.max(1, limit));
  }

  /** An FC call sent at `sentAt` succeeded. */
  success(sentAt: number): void {
    this.streak.success(sentAt);
    this.until = Number.NEGATIVE_INFINITY;
  }

  /** A hedge fired for a call sent at `sentAt`; `lastSuccessAt` is when the newest FC success arrived. */
  hedgeFired(sentAt: number, lastSuccessAt: number): void {
    if (this.limit <= 0 || lastSuccessAt >= sentAt) return;
    if (this.streak.failure(sentAt)) {
      this.until = this.now() + this.holdMs;
      this.streak.clear();
    }
  }

  /** True while new pages should not wait for FC. */
  stalled(): boolean {
    return this.until > this.now();
  }
}
