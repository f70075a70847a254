/**
 * A database with responses from before the driver roll-ups gets them built once, at start-up,
 * from the stored answers: the same as if they had been kept from the first response.
 */
import { describe, expect, it } from 'vitest';
import { decodePairwise } from '../../src/heartmonitor/pairwise-moments';
import { backfillDriverRollups } from '../../src/heartmonitor/rollups';
import { addKnownAnswer } from '../helpers/known-answers';
import { createTestContext } from '../helpers/test-context';

const DAY = 86_400_000;

describe('backfillDriverRollups', () => {
  it('rebuilds exactly the roll-ups the responses made, once', () => {
    const ctx = createTestContext();
    const now = ctx.clock.now().getTime();
    for (let i = 0; i < 30; i++) {
      addKnownAnswer(ctx, {
        at: new Date(now - (i % 5) * DAY),
        feelings: { 'afspraak-maken': (i % 5) - 2, balie: i % 4 === 0 ? null : 1, ophalen: (i % 3) - 1 },
        grade: 3 + (i % 7),
        segment: { leeftijd: i % 2 ? '65+' : '18-34' },
        channel: i % 3 ? 'balie' : 'web',
      });
    }
    const read = () =>
      (ctx.db.$client.prepare('SELECT journey_id, segment_key, segment_value, day, channel, moments FROM driver_rollups ORDER BY 1, 2, 3, 4, 5').all() as { moments: Buffer }[]).map(
        (row) => {
        const { ids, values } = decodePairwise(row.moments);
        return { ...row, moments: { ids, values: [...values] } };
      },
      );
    const kept = read();
    expect(kept.length).toBeGreaterThan(10);
    expect(backfillDriverRollups(ctx.db)).toBe(0);

    ctx.db.$client.prepare('DELETE FROM driver_rollups').run();
    expect(backfillDriverRollups(ctx.db)).toBe(30);
    expect(read()).toEqual(kept);
    expect(backfillDriverRollups(ctx.db)).toBe(0);
  });
});
