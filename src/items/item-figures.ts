/*
 * The items on the dashboard: per asked item (for the journey and per step) how many answered, the
 * positive share and the mean with their intervals, the distribution of answers; and "Is uw vraag
 * beantwoord?" per step, per channel and over time. Queries read item_answers joined to their
 * response (segment, channel, mode live there); the summarising below them is pure. A group
 * smaller than the minimum group size shows its count only, as everywhere on the dashboard.
 */
import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { dayOf, dayRangeInstants, monthOf, quarterOfDay } from '../calendar';
import type { Db } from '../db/client';
import { itemAnswers, responses, type ItemScale, type ResponseMode, type Touchpoint } from '../db/schema';
import type { DashboardFilter } from '../heartmonitor/queries';
import { meanEstimate, wilsonInterval, type MeanEstimate, type ProportionEstimate } from '../heartmonitor/statistics';
import { isReportable } from '../min-group';
import { nl } from '../texts';
import { ANSWERED_ITEM, isOrdered, isPositive, scaleValues, YES_PARTLY_NO } from './item-bank';
import { activeJourneyItems, dutchQuestion, itemDefinitions, type ItemDefinition } from './journey-items';

/** The dashboard's filter, and optionally the way the survey was answered. */
export interface ItemFilter extends DashboardFilter {
  mode?: ResponseMode;
}

/** How often one value of one item (at one step, or for the journey) was given; value null is "weet ik niet". */
export interface ItemValueCount {
  code: string;
  touchpointId: number | null;
  value: number | null;
  count: number;
}

export interface ItemFigure {
  code: string;
  /** Null: asked once for the journey. */
  touchpointId: number | null;
  scale: ItemScale;
  /** The question as citizens read it in Dutch. */
  question: string;
  /** Keuze only: the options' Dutch texts, value 1 first. */
  options: string[];
  /** Not asked any more (removed from the journey), shown for the periods it was asked. */
  removed: boolean;
  /** Every answer, "weet ik niet" included. */
  n: number;
  dontKnow: number;
  /** Whether the answers with a value reach the minimum group size; below it only the counts are shown. */
  reportable: boolean;
  /** Ordered scales: the mean on the item's own scale, with its 95% interval. */
  mean?: MeanEstimate;
  /** Ordered scales: the share "ja" / (helemaal) eens / 7 or higher, with its Wilson interval. */
  positive?: ProportionEstimate;
  /** Per value of the scale (keuze: per option), of the answers with a value. */
  distribution?: { value: number; count: number; share: number }[];
}

/** The rows of item answers a filter selects (its journey, period, segment, channel and mode). */
export function itemAnswersWhere(filter: ItemFilter, codes?: readonly string[]): SQL {
  const { start, end } = dayRangeInstants(filter.from, filter.to);
  return and(
    eq(itemAnswers.journeyId, filter.journeyId),
    gte(itemAnswers.answeredAt, start),
    lt(itemAnswers.answeredAt, end),
    codes ? inArray(itemAnswers.itemCode, [...codes]) : undefined,
    filter.channel ? eq(responses.channel, filter.channel) : undefined,
    filter.mode ? eq(responses.mode, filter.mode) : undefined,
    filter.segment ? sql`json_extract(${responses.segment}, ${`$."${filter.segment.key.replace(/"/g, '')}"`}) = ${filter.segment.value}` : undefined,
  )!;
}

/** Answers per item, step and value in the filter. */
export function itemValueCounts(db: Db, filter: ItemFilter): ItemValueCount[] {
  const columns = { code: itemAnswers.itemCode, touchpointId: itemAnswers.touchpointId, value: itemAnswers.value, count: sql<number>`count(*)`.mapWith(Number) };
  const group = [itemAnswers.itemCode, itemAnswers.touchpointId, itemAnswers.value] as const;
  // Without a filter on the response the counts come from the item answers' index alone.
  if (!filter.segment && !filter.channel && !filter.mode) return db.select(columns).from(itemAnswers).where(itemAnswersWhere(filter)).groupBy(...group).all();
  return db.select(columns).from(itemAnswers).innerJoin(responses, eq(responses.id, itemAnswers.responseId)).where(itemAnswersWhere(filter)).groupBy(...group).all();
}

/** An item's Dutch question on the dashboard (the organisation named in general words). */
export const itemQuestion = (definition: ItemDefinition): string => dutchQuestion(definition, nl.itemFigures.organisation);

/**
 * One item's figures from its value counts. Pure. The mean and positive share rest on the answers
 * with a value; below the minimum group size nothing but the counts.
 */
export function summariseItem(
  definition: ItemDefinition,
  touchpointId: number | null,
  counts: readonly { value: number | null; count: number }[],
  minGroupSize: number,
  removed: boolean,
): ItemFigure {
  const n = counts.reduce((total, row) => total + row.count, 0);
  const dontKnow = counts.filter((row) => row.value === null).reduce((total, row) => total + row.count, 0);
  const valued = n - dontKnow;
  const options = definition.custom?.options.map((option) => option.nl) ?? [];
  const base = { code: definition.code, touchpointId, scale: definition.scale, question: itemQuestion(definition), options, removed, n, dontKnow };
  if (!isReportable(valued, minGroupSize)) return { ...base, reportable: false };
  const countOf = (value: number) => counts.find((row) => row.value === value)?.count ?? 0;
  const distribution = scaleValues(definition.scale, options.length).map((value) => ({ value, count: countOf(value), share: countOf(value) / valued }));
  if (!isOrdered(definition.scale)) return { ...base, reportable: true, distribution };
  const sums = distribution.reduce((m, row) => ({ n: m.n + row.count, sum: m.sum + row.value * row.count, sumSquares: m.sumSquares + row.value * row.value * row.count }), { n: 0, sum: 0, sumSquares: 0 });
  const positives = distribution.filter((row) => isPositive(definition.scale, row.value)).reduce((total, row) => total + row.count, 0);
  return { ...base, reportable: true, distribution, mean: meanEstimate(sums), positive: wilsonInterval(positives, valued) };
}

/**
 * The figures of every item the journey asks now and of every item answered in the period (a
 * removed one marked so): journey-level items first, then per step in journey order.
 */
export function itemFigures(db: Db, filter: ItemFilter, touchpoints: readonly Pick<Touchpoint, 'id'>[], minGroupSize: number): ItemFigure[] {
  const counts = itemValueCounts(db, filter);
  const now = activeJourneyItems(db, filter.journeyId).map((item) => ({ code: item.itemCode, touchpointId: item.touchpointId }));
  const keyOf = (code: string, touchpointId: number | null) => `${code}|${touchpointId ?? ''}`;
  const asked = new Set(now.map((item) => keyOf(item.code, item.touchpointId)));
  const entries = [...now];
  for (const row of counts) if (!entries.some((item) => keyOf(item.code, item.touchpointId) === keyOf(row.code, row.touchpointId))) entries.push({ code: row.code, touchpointId: row.touchpointId });
  const definitions = itemDefinitions(db, entries.map((item) => item.code));
  const stepOrder = new Map(touchpoints.map((touchpoint, index) => [touchpoint.id, index]));
  const position = (touchpointId: number | null) => (touchpointId === null ? -1 : stepOrder.get(touchpointId) ?? touchpoints.length);
  return entries
    .map((item, order) => ({ item, order }))
    .filter(({ item }) => definitions.has(item.code))
    .sort((a, b) => position(a.item.touchpointId) - position(b.item.touchpointId) || a.order - b.order)
    .map(({ item }) =>
      summariseItem(
        definitions.get(item.code)!,
        item.touchpointId,
        counts.filter((row) => row.code === item.code && row.touchpointId === item.touchpointId),
        minGroupSize,
        !asked.has(keyOf(item.code, item.touchpointId)),
      ),
    );
}

/** "Is uw vraag beantwoord?": ja, deels and nee of one group, with their shares when it is large enough. */
export interface AnsweredRate {
  /** The step's id, the channel ('' when the case had none) or the period ("2026-11", "2026-K4"). */
  key: string;
  n: number;
  yes: number;
  partly: number;
  no: number;
  /** Absent below the minimum group size. */
  rates?: { yes: ProportionEstimate; partly: ProportionEstimate; no: ProportionEstimate };
}

export type TrendGranularity = 'maand' | 'kwartaal';

export interface AnsweredFigures {
  /** The answers given at a step (touchpoint level), in journey order. */
  perStep: AnsweredRate[];
  /** Every answer (journey and step level) by the case's channel. */
  perChannel: AnsweredRate[];
  /** Every answer by month or quarter, oldest first. */
  trend: AnsweredRate[];
  granularity: TrendGranularity;
}

/** One answer to "Is uw vraag beantwoord?" with what it is grouped by. */
export interface AnsweredRow {
  touchpointId: number | null;
  channel: string | null;
  value: number | null;
  answeredAt: Date;
}

export function answeredRows(db: Db, filter: ItemFilter): AnsweredRow[] {
  return db
    .select({ touchpointId: itemAnswers.touchpointId, channel: responses.channel, value: itemAnswers.value, answeredAt: itemAnswers.answeredAt })
    .from(itemAnswers)
    .innerJoin(responses, eq(responses.id, itemAnswers.responseId))
    .where(itemAnswersWhere(filter, [ANSWERED_ITEM]))
    .all();
}

/** The rates of one group of answers (3 ja, 2 deels, 1 nee). Pure. */
export function answeredRate(key: string, values: readonly (number | null)[], minGroupSize: number): AnsweredRate {
  const count = (value: number) => values.filter((v) => v === value).length;
  const counts = { yes: count(YES_PARTLY_NO.yes), partly: count(YES_PARTLY_NO.partly), no: count(YES_PARTLY_NO.no) };
  const n = counts.yes + counts.partly + counts.no;
  if (!isReportable(n, minGroupSize)) return { key, n, ...counts };
  return { key, n, ...counts, rates: { yes: wilsonInterval(counts.yes, n)!, partly: wilsonInterval(counts.partly, n)!, no: wilsonInterval(counts.no, n)! } };
}

const periodKey = (granularity: TrendGranularity) => (day: string) => (granularity === 'maand' ? monthOf(day) : quarterOfDay(day).key);

/** Groups the answers per step, channel and period. Pure. */
export function summariseAnswered(rows: readonly AnsweredRow[], stepIds: readonly number[], granularity: TrendGranularity, minGroupSize: number): AnsweredFigures {
  const group = (keyOf: (row: AnsweredRow) => string | undefined) => {
    const groups = new Map<string, (number | null)[]>();
    for (const row of rows) {
      const key = keyOf(row);
      if (key === undefined) continue;
      const values = groups.get(key);
      if (values) values.push(row.value);
      else groups.set(key, [row.value]);
    }
    return groups;
  };
  const steps = group((row) => (row.touchpointId === null ? undefined : String(row.touchpointId)));
  const channels = group((row) => row.channel ?? '');
  const toPeriod = periodKey(granularity);
  const periods = group((row) => toPeriod(dayOf(row.answeredAt)));
  return {
    perStep: stepIds.filter((id) => steps.has(String(id))).map((id) => answeredRate(String(id), steps.get(String(id))!, minGroupSize)),
    perChannel: [...channels.entries()].sort(([a], [b]) => a.localeCompare(b, 'nl')).map(([key, values]) => answeredRate(key, values, minGroupSize)),
    trend: [...periods.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, values]) => answeredRate(key, values, minGroupSize)),
    granularity,
  };
}

/** "Is uw vraag beantwoord?" for the filter; undefined when nobody answered it in the period. */
export function answeredFigures(
  db: Db,
  filter: ItemFilter,
  touchpoints: readonly Pick<Touchpoint, 'id'>[],
  minGroupSize: number,
  granularity: TrendGranularity,
): AnsweredFigures | undefined {
  const rows = answeredRows(db, filter);
  if (rows.length === 0) return undefined;
  return summariseAnswered(rows, touchpoints.map((touchpoint) => touchpoint.id), granularity, minGroupSize);
}

/** What the dashboard's panel "Vragen uit de vragenbank" shows. */
export interface ItemPanelData {
  items: ItemFigure[];
  answered?: AnsweredFigures;
}

/** A trend per month for a period up to half a year, per quarter for a longer one. */
export const trendGranularityFor = (days: number): TrendGranularity => (days > 184 ? 'kwartaal' : 'maand');

export function itemPanelData(db: Db, filter: ItemFilter, touchpoints: readonly Pick<Touchpoint, 'id'>[], minGroupSize: number, granularity: TrendGranularity): ItemPanelData {
  return { items: itemFigures(db, filter, touchpoints, minGroupSize), answered: answeredFigures(db, filter, touchpoints, minGroupSize, granularity) };
}
