/**
 * A fixed-window counter per key, in memory (meethuis runs as one process). Pure apart from the
 * clock it is given, so tests can drive it.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit; returns 0 when allowed, otherwise the seconds until the window resets. */
  hit(key: string, now: number): number {
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      if (this.windows.size > 50_000) this.prune(now);
      return 0;
    }
    window.count++;
    return window.count > this.limit ? Math.ceil((window.start + this.windowMs - now) / 1000) : 0;
  }

  /** Whether this key is over its limit now, without counting a hit: seconds to wait, or 0. */
  retryAfter(key: string, now: number): number {
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs || window.count < this.limit) return 0;
    return Math.ceil((window.start + this.windowMs - now) / 1000);
  }

  private prune(now: number) {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

/** Lockout after repeated failed logins: 5 free tries, then 1, 2, 4 … minutes, at most an hour. */
export const FREE_LOGIN_ATTEMPTS = 5;

export function lockoutMinutes(failedAttempts: number): number {
  if (failedAttempts < FREE_LOGIN_ATTEMPTS) return 0;
  return Math.min(2 ** (failedAttempts - FREE_LOGIN_ATTEMPTS), 60);
}

/**
 * Failed logins for addresses without an account, counted like real accounts' so a lockout
 * does not reveal which addresses exist. In memory: an attacker gains nothing from a restart
 * that the per-address limiter does not already bound.
 */
export class PhantomLockouts {
  private failures = new Map<string, { count: number; lockedUntil: number }>();

  lockedMinutes(email: string, now: number): number {
    const entry = this.failures.get(email);
    return entry && entry.lockedUntil > now ? Math.ceil((entry.lockedUntil - now) / 60_000) : 0;
  }

  fail(email: string, now: number): void {
    const count = (this.failures.get(email)?.count ?? 0) + 1;
    this.failures.set(email, { count, lockedUntil: now + lockoutMinutes(count) * 60_000 });
    if (this.failures.size > 100_000) this.failures.clear();
  }
}
