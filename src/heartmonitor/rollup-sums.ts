/**
 * What a set of responses adds to the dashboard roll-ups, summed per roll-up row: the rows a
 * group of submissions shares (everyone, the same district, the same day) are written once with
 * their totals instead of once per response. Pure; src/heartmonitor/rollups.ts writes the result.
 */
import { dayOf } from '../calendar';
import type { ResponseMode } from '../db/schema';
import { addPairwise, responseMoments, type PairwiseMoments } from './pairwise-moments';

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

export interface RolledUpResponse {
  journeyId: number;
  submittedAt: Date;
  channel: string | null;
  leadTimeDays: number | null;
  segment: Record<string, string>;
  mode: ResponseMode;
  grade: number;
  effort: number;
  answers: { touchpointId: number; feeling: number | null }[];
}

/** One response's share: the segment pairs it counts under, and which roll-ups it goes to. */
export interface RollupContribution {
  response: Omit<RolledUpResponse, 'segment' | 'mode'>;
  pairs: [string, string][];
  heartMonitor: boolean;
  drivers: boolean;
}

interface RowKey {
  journeyId: number;
  segmentKey: string;
  segmentValue: string;
  day: string;
  channel: string;
}

export interface ResponseRollupRow extends RowKey {
  leadBand: LeadBand;
  n: number;
  gradeSum: number;
  gradeSumSquares: number;
  gradeAtLeastSeven: number;
  effortSum: number;
  effortSumSquares: number;
  feelingN: number;
  feelingSum: number;
  feelingSumSquares: number;
}

export interface FeelingRollupRow extends RowKey {
  touchpointId: number;
  answers: number;
  n: number;
  sum: number;
  sumSquares: number;
}

export interface DriverRollupRow extends RowKey {
  moments: PairwiseMoments;
}

export interface DimensionRow {
  journeyId: number;
  dimension: string;
  value: string;
  isChannel: boolean;
}

export interface RollupSums {
  dimensions: DimensionRow[];
  responses: ResponseRollupRow[];
  feelings: FeelingRollupRow[];
  drivers: DriverRollupRow[];
}

/** The parts of a roll-up row's primary key, joined where no key part can hold the separator. */
const keyOf = (...parts: (string | number)[]) => parts.join('\u0000');

function rowFor<T>(rows: Map<string, T>, key: string, create: () => T): T {
  let row = rows.get(key);
  if (!row) rows.set(key, (row = create()));
  return row;
}

export function sumRollups(contributions: readonly RollupContribution[]): RollupSums {
  const dimensions = new Map<string, DimensionRow>();
  const responses = new Map<string, ResponseRollupRow>();
  const feelings = new Map<string, FeelingRollupRow>();
  const drivers = new Map<string, DriverRollupRow>();
  for (const { response, pairs, heartMonitor, drivers: toDrivers } of contributions) {
    const { journeyId, grade, effort } = response;
    const day = dayOf(response.submittedAt);
    const channel = response.channel ?? '';
    if (heartMonitor) {
      const leadBand = leadBandOf(response.leadTimeDays);
      for (const [key, value] of pairs) {
        if (key !== '') rowFor(dimensions, keyOf(journeyId, 0, key, value), () => ({ journeyId, dimension: key, value, isChannel: false }));
      }
      if (channel) rowFor(dimensions, keyOf(journeyId, 1, 'channel', channel), () => ({ journeyId, dimension: 'channel', value: channel, isChannel: true }));
      let feelingN = 0;
      let feelingSum = 0;
      let feelingSumSquares = 0;
      for (const { feeling } of response.answers) {
        if (feeling === null) continue;
        feelingN += 1;
        feelingSum += feeling;
        feelingSumSquares += feeling * feeling;
      }
      for (const [segmentKey, segmentValue] of pairs) {
        const row = rowFor(responses, keyOf(journeyId, segmentKey, segmentValue, day, channel, leadBand), () => ({
          journeyId, segmentKey, segmentValue, day, channel, leadBand,
          n: 0, gradeSum: 0, gradeSumSquares: 0, gradeAtLeastSeven: 0, effortSum: 0, effortSumSquares: 0, feelingN: 0, feelingSum: 0, feelingSumSquares: 0,
        }));
        row.n += 1;
        row.gradeSum += grade;
        row.gradeSumSquares += grade * grade;
        row.gradeAtLeastSeven += grade >= 7 ? 1 : 0;
        row.effortSum += effort;
        row.effortSumSquares += effort * effort;
        row.feelingN += feelingN;
        row.feelingSum += feelingSum;
        row.feelingSumSquares += feelingSumSquares;
        for (const { touchpointId, feeling } of response.answers) {
          const step = rowFor(feelings, keyOf(journeyId, segmentKey, segmentValue, day, touchpointId, channel), () => ({
            journeyId, segmentKey, segmentValue, day, touchpointId, channel, answers: 0, n: 0, sum: 0, sumSquares: 0,
          }));
          step.answers += 1;
          if (feeling === null) continue;
          step.n += 1;
          step.sum += feeling;
          step.sumSquares += feeling * feeling;
        }
      }
    }
    if (toDrivers) {
      const moments = responseMoments(grade, response.answers.map((answer) => ({ id: answer.touchpointId, value: answer.feeling })));
      for (const [segmentKey, segmentValue] of pairs) {
        const key = keyOf(journeyId, segmentKey, segmentValue, day, channel);
        const row = drivers.get(key);
        if (row) row.moments = addPairwise(row.moments, moments);
        // A copy: the response's moments are added to under its other pairs too.
        else drivers.set(key, { journeyId, segmentKey, segmentValue, day, channel, moments: { ids: [...moments.ids], values: moments.values.slice() } });
      }
    }
  }
  return { dimensions: [...dimensions.values()], responses: [...responses.values()], feelings: [...feelings.values()], drivers: [...drivers.values()] };
}
