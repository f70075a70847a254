/**
 * The hourly funnel roll-up (invitation_hour_counts, kept by triggers) must equal a count over
 * the invitations themselves after every kind of write: new, suppressed, answered, mailed,
 * expired, anonymised by retention, deleted — and the dashboard's response funnel read from it
 * must equal the same funnel counted straight from the invitations.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { dayRangeInstants, dayOf } from '../../src/calendar';
import { invitations } from '../../src/db/schema';
import { responseRate } from '../../src/heartmonitor/queries';
import { expireInvitations } from '../../src/invitations/invitations';
import { addKnownAnswer } from '../helpers/known-answers';
import { caseClosedEvent, createTestContext } from '../helpers/test-context';

const DAY = 86_400_000;

function rollupMismatch(db: ReturnType<typeof createTestContext>['db']) {
  const direct = db.$client
    .prepare(
      `SELECT journey_id, created_at / 3600000 AS hour, status, coalesce(suppressed_reason, '') AS reason, count(*) AS invitations, count(mailed_at) AS mailed
       FROM invitations GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all();
  const rolled = db.$client
    .prepare(
      `SELECT journey_id, hour, status, suppressed_reason AS reason, invitations, mailed FROM invitation_hour_counts
       WHERE invitations <> 0 OR mailed <> 0 ORDER BY 1, 2, 3, 4`,
    )
    .all();
  return { direct, rolled };
}

describe('the response funnel roll-up', () => {
  it('stays equal to the invitations through every kind of write', async () => {
    const ctx = createTestContext();
    const now = ctx.clock.now().getTime();
    // Accepted, then the same address again (suppressed: recently invited), then others on other days.
    expect((await ctx.postEvent(caseClosedEvent({ citizen: { email: 'een@example.nl' } }))).status).toBe(202);
    expect(((await (await ctx.postEvent(caseClosedEvent({ citizen: { email: 'een@example.nl' } }))).json()) as { status: string }).status).toBe('suppressed');
    for (let i = 0; i < 6; i++) addKnownAnswer(ctx, { at: new Date(now - (i + 1) * DAY), feelings: { balie: 1 } });
    for (let i = 0; i < 4; i++) await ctx.postEvent(caseClosedEvent({ citizen: { email: `open${i}@example.nl` } }));
    let check = rollupMismatch(ctx.db);
    expect(check.rolled).toEqual(check.direct);

    // Mailed, then expired a month later.
    ctx.db.update(invitations).set({ mailedAt: new Date(now) }).where(eq(invitations.status, 'open')).run();
    ctx.clock.advanceDays(40);
    expect(expireInvitations(ctx.db, ctx.clock)).toBeGreaterThan(0);
    check = rollupMismatch(ctx.db);
    expect(check.rolled).toEqual(check.direct);

    // Moved in time and deleted (as a bulk correction or a purge would).
    const first = ctx.db.select({ id: invitations.id }).from(invitations).get()!;
    ctx.db.update(invitations).set({ createdAt: new Date(now - 3 * DAY) }).where(eq(invitations.id, first.id)).run();
    // The rows that point at it are not the point here: only what a delete does to the roll-up.
    ctx.db.$client.pragma('foreign_keys = OFF');
    expect(ctx.db.delete(invitations).where(eq(invitations.status, 'suppressed')).run().changes).toBe(1);
    ctx.db.$client.pragma('foreign_keys = ON');
    check = rollupMismatch(ctx.db);
    expect(check.rolled).toEqual(check.direct);
    expect(check.direct.length).toBeGreaterThan(3);
  });

  it('gives the dashboard the funnel a count over the invitations gives, for any period of days', async () => {
    const ctx = createTestContext();
    const now = ctx.clock.now().getTime();
    for (let i = 0; i < 12; i++) addKnownAnswer(ctx, { at: new Date(now - i * 0.45 * DAY), feelings: { balie: 1 } });
    for (let i = 0; i < 5; i++) await ctx.postEvent(caseClosedEvent({ citizen: { email: `x${i}@example.nl` } }));
    const journeyId = ctx.db.select({ id: invitations.journeyId }).from(invitations).get()!.id;
    const direct = ctx.db.$client.prepare(
      `SELECT count(*) AS invited, count(mailed_at) AS sent, sum(status = 'answered') AS answered FROM invitations
       WHERE journey_id = ? AND created_at >= ? AND created_at < ? AND status <> 'suppressed'`,
    );
    for (const back of [0, 1, 2, 5]) {
      const from = dayOf(new Date(now - back * DAY));
      const { start, end } = dayRangeInstants(from, dayOf(new Date(now)));
      const rate = responseRate(ctx.db, journeyId, start, end);
      const expected = direct.get(journeyId, start.getTime(), end.getTime()) as { invited: number; sent: number; answered: number | null };
      expect({ invited: rate.invited, sent: rate.sent, answered: rate.answered }).toEqual({ ...expected, answered: expected.answered ?? 0 });
    }
  });
});
