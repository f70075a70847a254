import { describe, expect, it } from 'vitest';
import { lockoutMinutes, RateLimiter } from '../../src/auth/rate-limit';
import { createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, tableCounts } from '../helpers/test-context';

describe('RateLimiter', () => {
  it('allows the limit per window and tells how long to wait', () => {
    const limiter = new RateLimiter(3, 60_000);
    expect([0, 1, 2].map((i) => limiter.hit('a', 1000 + i))).toEqual([0, 0, 0]);
    expect(limiter.hit('a', 1003)).toBe(60);
    expect(limiter.hit('b', 1004)).toBe(0);
    expect(limiter.hit('a', 61_000)).toBe(0);
  });

  it('locks out with growing delays after five failures', () => {
    expect([1, 4, 5, 6, 7, 10, 20].map(lockoutMinutes)).toEqual([0, 0, 1, 2, 4, 32, 60]);
  });
});

describe('the event API per key', () => {
  it('answers 429 with Retry-After above the limit, stores nothing, and recovers after the window', async () => {
    const ctx = createTestContext({ EVENTS_PER_MINUTE_PER_KEY: '3' });
    for (let i = 0; i < 3; i++) expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    const before = tableCounts(ctx.db);
    const limited = await ctx.postEvent(caseClosedEvent());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(tableCounts(ctx.db)).toEqual(before);
    ctx.clock.advanceMs(60_000);
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
  });
});

describe('login lockout', () => {
  it('treats an address without an account like one with an account, so lockouts reveal nothing', async () => {
    const ctx = createTestContext();
    await createStaff(ctx.db, ctx.clock, 'manager', 'echt@gemeente.test');
    const statuses = async (email: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 6; i++) seen.push((await login(ctx.app, email, 'verkeerd wachtwoord 123')).response.status);
      return seen;
    };
    const real = await statuses('echt@gemeente.test');
    const phantom = await statuses('bestaat-niet@gemeente.test');
    expect(real).toEqual([401, 401, 401, 401, 401, 429]);
    expect(phantom).toEqual(real);
  });
});
