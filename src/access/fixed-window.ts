/**
 * Counts events per key in fixed one-window buckets, with a bounded number of keys (the oldest are forgotten
 * first), for throttling repeated failures such as bad API keys from one address.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds one event for `key`; returns the count in the current window and when it resets. */
  hit(key: string): { count: number; resetAt: number } {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= t) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
      w = { count: 0, resetAt: t + this.windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    return { ...w };
  }

  /** The count of the current window, without adding one. */
  peek(key: string): number {
    const w = this.windows.get(key);
    return w && w.resetAt > this.now() ? w.count : 0;
  }
}
