import { sql } from 'drizzle-orm';
import { dayOf } from '../calendar';
import type { Db } from '../db/client';
import { feelingRollups, journeyDimensions, responseRollups } from '../db/schema';

/** Lead-time (doorlooptijd) bands of the meethuis model, in days from case opened to closed. */
export const leadBands = ['0-7', '8-14', '15-30', '31-60', '61+', 'onbekend'] as const;
export type LeadBand = (typeof leadBands)[number];

export function leadBandOf(days: number | null): LeadBand {
  if (days === null || !Number.isFinite(days) || days < 0) return 'onbekend';
  if (days <= 7) return '0-7';
  if (days <= 14) return '8-14';
  if (days <= 30) return '15-30';
  if (days <= 60) return '31-60';
  return '61+';
}


/** The segment pairs an answer is counted under: everyone, and each of its own key/value pairs. */
export function segmentPairs(segment: Record<string, string>): [string, string][] {
  return [['', ''], ...Object.entries(segment).filter(([key, value]) => key !== '' && value !== '')];
}

export interface RolledUpResponse {
  journeyId: number;
  submittedAt: Date;
  channel: string | null;
  leadTimeDays: number | null;
  segment: Record<string, string>;
  grade: number;
  effort: number;
  answers: { touchpointId: number; feeling: number | null }[];
}

type Writer = Pick<Db, 'insert'>;

/** Adds one response to the roll-ups; called inside the transaction that stores it. */
export function addToRollups(db: Writer, response: RolledUpResponse): void {
  const base = {
    journeyId: response.journeyId,
    day: dayOf(response.submittedAt),
    channel: response.channel ?? '',
    leadBand: leadBandOf(response.leadTimeDays),
  };
  const dimensions = segmentPairs(response.segment)
    .slice(1)
    .map(([dimension, value]) => ({ journeyId: response.journeyId, dimension, value, isChannel: false }));
  if (response.channel) dimensions.push({ journeyId: response.journeyId, dimension: 'channel', value: response.channel, isChannel: true });
  if (dimensions.length) db.insert(journeyDimensions).values(dimensions).onConflictDoNothing().run();

  for (const [segmentKey, segmentValue] of segmentPairs(response.segment)) {
    const grade = response.grade;
    const effort = response.effort;
    db.insert(responseRollups)
      .values({
        ...base,
        segmentKey,
        segmentValue,
        n: 1,
        gradeSum: grade,
        gradeSumSquares: grade * grade,
        gradeAtLeastSeven: grade >= 7 ? 1 : 0,
        effortSum: effort,
        effortSumSquares: effort * effort,
      })
      .onConflictDoUpdate({
        target: [responseRollups.journeyId, responseRollups.segmentKey, responseRollups.segmentValue, responseRollups.day, responseRollups.channel, responseRollups.leadBand],
        set: {
          n: sql`${responseRollups.n} + 1`,
          gradeSum: sql`${responseRollups.gradeSum} + ${grade}`,
          gradeSumSquares: sql`${responseRollups.gradeSumSquares} + ${grade * grade}`,
          gradeAtLeastSeven: sql`${responseRollups.gradeAtLeastSeven} + ${grade >= 7 ? 1 : 0}`,
          effortSum: sql`${responseRollups.effortSum} + ${effort}`,
          effortSumSquares: sql`${responseRollups.effortSumSquares} + ${effort * effort}`,
        },
      })
      .run();
    for (const answer of response.answers) {
      const given = answer.feeling === null ? 0 : 1;
      const feeling = answer.feeling ?? 0;
      db.insert(feelingRollups)
        .values({ ...base, segmentKey, segmentValue, touchpointId: answer.touchpointId, answers: 1, n: given, sum: feeling, sumSquares: feeling * feeling })
        .onConflictDoUpdate({
          target: [
            feelingRollups.journeyId,
            feelingRollups.segmentKey,
            feelingRollups.segmentValue,
            feelingRollups.day,
            feelingRollups.touchpointId,
            feelingRollups.channel,
            feelingRollups.leadBand,
          ],
          set: {
            answers: sql`${feelingRollups.answers} + 1`,
            n: sql`${feelingRollups.n} + ${given}`,
            sum: sql`${feelingRollups.sum} + ${feeling}`,
            sumSquares: sql`${feelingRollups.sumSquares} + ${feeling * feeling}`,
          },
        })
        .run();
    }
  }
}
