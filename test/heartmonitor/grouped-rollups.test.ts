/**
 * Survey submissions that share a group commit have their roll-ups summed and written once, at
 * the group's COMMIT (src/heartmonitor/rollups.ts, src/db/group-commit.ts). The dashboard must
 * not be able to tell: the same answers submitted all at once and one by one leave the same
 * roll-ups, to the last sum, pairwise moment and filter choice.
 */
import { describe, expect, it } from 'vitest';
import { groupCommitCounts } from '../../src/db/group-commit';
import { decodePairwise } from '../../src/heartmonitor/pairwise-moments';
import { submitOverHttp, surveyPathOverHttp } from '../helpers/answers-over-http';
import type { KnownAnswer } from '../helpers/known-answers';
import { createTestContext, type TestContext } from '../helpers/test-context';

const ROLLUP_TABLES = ['response_rollups', 'feeling_rollups', 'driver_rollups', 'journey_dimensions'] as const;

/** Forty answers that differ in every way a roll-up row is keyed: segment, channel, lead time, feelings given or not. */
function answersAt(now: Date): KnownAnswer[] {
  return Array.from({ length: 40 }, (_, i) => ({
    at: now,
    feelings: { 'afspraak-maken': (i % 5) - 2, balie: i % 4 === 0 ? null : (i % 3) - 1, ...(i % 6 === 0 ? {} : { ophalen: 2 - (i % 5) }) },
    grade: 1 + (i % 10),
    effort: 1 + (i % 7),
    segment: { leeftijd: ['18-34', '35-64', '65+'][i % 3]!, ...(i % 2 ? { wijk: `Wijk ${i % 4}` } : {}) },
    channel: i % 5 === 0 ? 'web' : 'balie',
    leadDays: [2, 9, 20, 45, 90][i % 5],
  }));
}

function rollups(ctx: TestContext) {
  return Object.fromEntries(
    ROLLUP_TABLES.map((table) => [
      table,
      (ctx.db.$client.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[])
        .map((row) => {
          if (!Buffer.isBuffer(row.moments)) return JSON.stringify(row);
          const { ids, values } = decodePairwise(row.moments);
          // Sums per pair of variables, keyed by the ids: the order variables were first seen in may differ.
          const byPair: Record<string, number[]> = {};
          ids.forEach((a, i) => ids.forEach((b, j) => { if (i <= j) byPair[`${a}-${b}`] = [...values.subarray(((j * (j + 1)) / 2 + i) * 6, ((j * (j + 1)) / 2 + i) * 6 + 6)]; }));
          return JSON.stringify({ ...row, moments: Object.fromEntries(Object.entries(byPair).sort()) });
        })
        .sort(),
    ]),
  );
}

describe('roll-ups of submissions that share a commit', () => {
  it('are the same as of the same submissions one by one, and are committed with their responses', async () => {
    const together = createTestContext();
    const oneByOne = createTestContext();
    const answers = answersAt(together.clock.now());
    oneByOne.clock.advanceMs(together.clock.now().getTime() - oneByOne.clock.now().getTime());

    const pathsTogether: string[] = [];
    const pathsOneByOne: string[] = [];
    for (const answer of answers) {
      pathsTogether.push(await surveyPathOverHttp(together, answer));
      pathsOneByOne.push(await surveyPathOverHttp(oneByOne, answer));
    }

    const before = groupCommitCounts(together.db.$client);
    await Promise.all(answers.map((answer, i) => submitOverHttp(together, pathsTogether[i]!, answer)));
    const grouped = groupCommitCounts(together.db.$client);
    // They did share commits, so the roll-ups were summed over several submissions at once.
    expect(grouped.requests - before.requests).toBe(40);
    expect(grouped.commits - before.commits).toBeLessThan(40);

    for (const [i, answer] of answers.entries()) await submitOverHttp(oneByOne, pathsOneByOne[i]!, answer);

    const expected = rollups(oneByOne);
    expect(expected.response_rollups!.length).toBeGreaterThan(20);
    expect(rollups(together)).toEqual(expected);
    const counted = together.db.$client.prepare("SELECT sum(n) AS n FROM response_rollups WHERE segment_key = ''").get() as { n: number };
    expect(counted.n).toBe(40);
  });
});
