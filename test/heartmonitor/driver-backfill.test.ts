/**
 * A database with responses from before the driver roll-ups gets them built once, at start-up,
 * from the stored answers: the same as if they had been kept from the first response.
 */
import { describe, expect, it } from 'vitest';
import { decodePairwise } from '../../src/heartmonitor/pairwise-moments';
import { MODE_SEGMENT_KEY } from '../../src/db/schema';
import { backfillDriverRollups, backfillModeRollups } from '../../src/heartmonitor/rollups';
import { addKnownAnswer } from '../helpers/known-answers';
import { createTestContext } from '../helpers/test-context';

const DAY = 86_400_000;

function answered30() {
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
  return ctx;
}

const ROLLUP_TABLES = ['response_rollups', 'feeling_rollups', 'driver_rollups', 'journey_dimensions'];

describe('backfillDriverRollups', () => {
  it('rebuilds exactly the roll-ups the responses made, once, with backfillModeRollups after it (a database from before both)', () => {
    const ctx = answered30();
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
    ctx.db.$client.prepare('DELETE FROM response_rollups WHERE segment_key = ?').run(MODE_SEGMENT_KEY);
    expect(backfillDriverRollups(ctx.db)).toBe(30);
    expect(backfillModeRollups(ctx.db)).toBe(30);
    expect(read()).toEqual(kept);
    expect(backfillDriverRollups(ctx.db)).toBe(0);
  });
});

describe('backfillModeRollups', () => {
  it('counts responses from before the mode under its key in every roll-up, exactly as a new response is counted, once', () => {
    const ctx = answered30();
    const dump = () => Object.fromEntries(ROLLUP_TABLES.map((table) => [table, ctx.db.$client.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).all().map((row) => JSON.stringify(row)).sort()]));
    const kept = dump();
    expect((ctx.db.$client.prepare('SELECT segment_key, n FROM response_rollups').all() as { segment_key: string; n: number }[]).filter((row) => row.segment_key === MODE_SEGMENT_KEY).reduce((sum, row) => sum + row.n, 0)).toBe(30);
    expect(backfillModeRollups(ctx.db)).toBe(0);

    const run = (sql: string) => ctx.db.$client.prepare(sql).run(MODE_SEGMENT_KEY);
    run('DELETE FROM response_rollups WHERE segment_key = ?');
    run('DELETE FROM feeling_rollups WHERE segment_key = ?');
    run('DELETE FROM driver_rollups WHERE segment_key = ?');
    run('DELETE FROM journey_dimensions WHERE dimension = ?');
    expect(backfillModeRollups(ctx.db)).toBe(30);
    expect(dump()).toEqual(kept);
  });
});
