/**
 * "N failures in a row" ordered by when calls *started*, not when they ended. Counting by completion
 * mistakes a partial brownout for an outage: under closed-loop load the slow calls of the first second all
 * time out together, a burst of failures with no success in between, although calls started after them
 * are succeeding. A failure only counts when no call that started at or after it has worked since, so
 * the streak reaches its limit only when everything sent after some moment fails: a hang or an outage.
 */
export class FailureStreak {
  /** Start times of the failures that still count, oldest first; never longer than `limit`. */
  private failureStarts: number[] = [];
  private newestSuccessStart = Number.NEGATIVE_INFINITY;

  constructor(private readonly limit: number) {}

  /** A call that started at `startedAt` worked: FC answered everything sent from then on so far. */
  success(startedAt: number): void {
    if (startedAt <= this.newestSuccessStart) return;
    this.newestSuccessStart = startedAt;
    // Runs on every FC success: the list is almost always empty, so do not allocate a copy of it.
    if (this.failureStarts.length > 0) this.failureStarts = this.failureStarts.filter((start) => start > startedAt);
  }

  /** A call that started at `startedAt` failed; true when the streak has reached the limit. */
  failure(startedAt: number): boolean {
    if (startedAt < this.newestSuccessStart) return false; // a later call worked: FC is slow or flaky, not down
    this.failureStarts.push(startedAt);
    if (this.failureStarts.length > this.limit) this.failureStarts.shift();
    return this.failureStarts.length >= this.limit;
  }

  /** Forget the failures (the breaker opened or closed); what worked last still counts. */
  clear(): void {
    this.failureStarts = [];
  }
}
