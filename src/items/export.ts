/*
 * The coded export: one row per response with the item codes as columns, and the codebook that
 * says what every column means — what a researcher loads into SPSS or R and a benchmark partner
 * reads. No personal data: no address, no database id, no exact time, no free text unless asked
 * (then masked again). Groups smaller than the minimum group size are withheld, as on the dashboard.
 */
import { inArray } from 'drizzle-orm';
import { dayOf, dayRangeInstants, monthOf, quarterOfDay } from '../calendar';
import type { Db } from '../db/client';
import { statementsPerConnection } from '../db/prepared';
import { HOSTING_ORGANISATION_ID, journeyItems, journeys, touchpoints, type AskedItem } from '../db/schema';
import { maskPersonalData } from '../mask';
import { isReportable } from '../min-group';
import { itemExport } from '../texts';
import { BYTE_ORDER_MARK, spreadsheetCsv, spreadsheetLine } from '../spreadsheet-csv';
import { dutch, type CitizenTexts } from '../texts/citizen';
import { allowsDontKnow, FIXED_ITEMS, scaleValues } from './item-bank';
import { itemDefinitions, type ItemDefinition } from './journey-items';

/** "Weet ik niet / niet van toepassing" in every coded column: outside every scale (feelings run −2…+2, grades 1–10). */
export const DONT_KNOW_CODE = 99;

/** A cell: a code, a text, or empty (null): not asked, not given, or withheld (a rare describing value). */
export type Cell = string | number | null;

export interface CodebookEntry {
  column: string;
  /** The item code (MH-…, BP-…, an own code), or the column's name for the describing columns. */
  code: string;
  /** The step's slug for a touchpoint-level column. */
  step: string | null;
  level: (typeof itemExport.levels)[keyof typeof itemExport.levels];
  scale: string;
  question: { nl: string; en: string | null };
  /** Value labels in Dutch, lowest code first. */
  values: { value: number | string; label: string }[];
  source: string;
  /** First and last day the item was asked by these journeys (null: always asked, or still asked). */
  firstAsked: string | null;
  lastAsked: string | null;
  note: string | null;
}

export interface Withheld {
  minGroupSize: number;
  /** Journey × quarter groups below the minimum size: their rows are left out. */
  groups: { journey: string; quarter: string; responses: number }[];
  /** Describing cells left empty because their value was rare within the journey and quarter. */
  cells: { column: string; count: number }[];
}

export interface AnswerExport {
  from: string;
  to: string;
  journey: string | null;
  missingCode: typeof DONT_KNOW_CODE;
  columns: string[];
  codebook: CodebookEntry[];
  rows: Cell[][];
  withheld: Withheld;
}

export interface AnswerExportOptions {
  from: string;
  to: string;
  /** One journey, or all the organisation's regular journeys when absent (the journey is a column either way). */
  journeyId?: number;
  /** Whose journeys: the hosting organisation's when absent. Chain journeys are left out (they have the chain view). */
  organisationId?: number;
  minGroupSize: number;
  /** Adds the step comments, masked. */
  comments: boolean;
  organisation: string;
  /** The English citizen texts, for the codebook's English questions (absent: none). */
  english?: CitizenTexts;
  /** Orders rows within a journey and quarter, so the row order tells nothing about who answered when. */
  random: () => number;
}

const FEELING = 'MH-GEVOEL';
const COMMENT = 'opmerking';
/** Describing columns whose rare values are left empty (a value shared by few people can point at one). */
const CATEGORY_COLUMNS = ['maand', 'afname', 'taal', 'kanaal'] as const;
/** The columns every row has, in the order a row's first cells hold them. */
const FIXED_COLUMNS = ['klantreis', 'kwartaal', ...CATEGORY_COLUMNS, 'MH-CIJFER', 'MH-MOEITE'] as const;
const stepColumn = (code: string, slug: string) => `${code}.${slug}`;
const segmentColumn = (key: string) => `segment.${key}`;

/** "2026-11-20" → { month: "2026-11", quarter: "2026-Q4" }. */
export function periodOf(day: string): { month: string; quarter: string } {
  const { year, quarter } = quarterOfDay(day);
  return { month: monthOf(day), quarter: `${year}-Q${quarter}` };
}

interface ResponseRead {
  id: number;
  journeyId: number;
  submittedAt: number;
  mode: string;
  language: string;
  channel: string | null;
  segment: string;
  grade: number;
  effort: number;
  asked: string | null;
}

/*
 * Written in SQL on the connection: at 50,000 responses drizzle's mapping of every row cost more
 * than SQLite reading them (bench/item-export.ts). The same filter for the three reads.
 */
const PERIOD = `r.submitted_at >= @start AND r.submitted_at < @end AND (@journey IS NULL OR r.journey_id = @journey)
  AND r.journey_id IN (SELECT id FROM journeys WHERE organisation_id = @organisation AND chain = 0)`;
const statements = statementsPerConnection((sqlite) => ({
  responses: sqlite.prepare(
    `SELECT r.id, r.journey_id AS journeyId, r.submitted_at AS submittedAt, r.mode, i.language, r.channel, r.segment, r.grade, r.effort, i.items AS asked
     FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE ${PERIOD} ORDER BY r.id`,
  ),
  answers: sqlite.prepare(
    `SELECT a.response_id AS responseId, a.touchpoint_id AS touchpointId, a.feeling, CASE WHEN @comments = 1 THEN a.comment END AS comment
     FROM answers a JOIN responses r ON r.id = a.response_id WHERE ${PERIOD}`,
  ),
  items: sqlite.prepare(
    `SELECT a.response_id AS responseId, a.item_code AS code, a.touchpoint_id AS touchpointId, a.value
     FROM item_answers a JOIN responses r ON r.id = a.response_id WHERE ${PERIOD}`,
  ),
}));

/** The period of an instant, cached per hour (Dutch days start on a whole UTC hour, summer or winter). */
function periodsByHour() {
  const cache = new Map<number, { month: string; quarter: string }>();
  return (at: number) => {
    const hour = Math.floor(at / 3_600_000);
    let period = cache.get(hour);
    if (!period) cache.set(hour, (period = periodOf(dayOf(new Date(at)))));
    return period;
  };
}

interface Planted {
  journey: string;
  quarter: string;
  /** By column slot; undefined: not asked. */
  cells: Cell[];
}

/** Reads the responses of the period, coded, then withholds small groups and rare values, and describes every column. */
export function loadAnswerExport(db: Db, options: AnswerExportOptions): AnswerExport {
  const { start, end } = dayRangeInstants(options.from, options.to);
  const where = { start: start.getTime(), end: end.getTime(), journey: options.journeyId ?? null, organisation: options.organisationId ?? HOSTING_ORGANISATION_ID };
  const reads = statements(db.$client);
  const found = reads.responses.all(where) as ResponseRead[];
  const feelings = reads.answers.all({ ...where, comments: options.comments ? 1 : 0 }) as { responseId: number; touchpointId: number; feeling: number | null; comment: string | null }[];
  const given = reads.items.all(where) as { responseId: number; code: string; touchpointId: number | null; value: number | null }[];

  const journeyIds = [...new Set(found.map((row) => row.journeyId))];
  const journeyRows = journeyIds.length ? db.select({ id: journeys.id, slug: journeys.slug, name: journeys.name }).from(journeys).where(inArray(journeys.id, journeyIds)).all() : [];
  const journeyOf = new Map(journeyRows.map((row) => [row.id, row]));
  const steps = journeyIds.length
    ? db
        .select({ id: touchpoints.id, journeyId: touchpoints.journeyId, slug: touchpoints.slug, name: touchpoints.name, position: touchpoints.position })
        .from(touchpoints)
        .where(inArray(touchpoints.journeyId, journeyIds))
        .all()
    : [];
  const stepOf = new Map(steps.map((step) => [step.id, step]));
  const history = journeyIds.length ? db.select().from(journeyItems).where(inArray(journeyItems.journeyId, journeyIds)).all() : [];

  // Each response as cells in column slots (a slot per column name, in order of discovery); a
  // slot left undefined was not asked; an item asked (the invitation's list) but unanswered is null.
  const slots = new Map<string, number>();
  const slot = (column: string) => {
    let index = slots.get(column);
    if (index === undefined) slots.set(column, (index = slots.size));
    return index;
  };
  for (const column of FIXED_COLUMNS) slot(column);
  const itemColumns = new Map<string, { code: string; slug: string | null }>();
  const stepSlugs = new Set<string>();
  const itemSlots = new Map<string, number | null>();
  const itemSlot = (code: string, touchpointId: number | null) => {
    const key = `${code} ${touchpointId}`;
    let index = itemSlots.get(key);
    if (index !== undefined) return index;
    const slug = touchpointId === null ? null : (stepOf.get(touchpointId)?.slug ?? null);
    index = touchpointId !== null && slug === null ? null : slot(slug === null ? code : stepColumn(code, slug));
    if (index !== null) {
      itemColumns.set(slug === null ? code : stepColumn(code, slug), { code, slug });
      if (slug !== null) stepSlugs.add(slug);
    }
    itemSlots.set(key, index);
    return index;
  };
  const segmentSlots = new Map<string, number>();
  const feelingSlots = new Map<number, { feeling: number; comment: number } | null>();
  const feelingSlot = (touchpointId: number) => {
    let found = feelingSlots.get(touchpointId);
    if (found !== undefined) return found;
    const slug = stepOf.get(touchpointId)?.slug;
    found = slug === undefined ? null : { feeling: slot(stepColumn(FEELING, slug)), comment: options.comments ? slot(stepColumn(COMMENT, slug)) : -1 };
    if (slug !== undefined) stepSlugs.add(slug);
    feelingSlots.set(touchpointId, found);
    return found;
  };
  const periodAt = periodsByHour();
  const byResponse = new Map<number, Planted>();
  for (const row of found) {
    const { month, quarter } = periodAt(row.submittedAt);
    const journey = journeyOf.get(row.journeyId)!.slug;
    // In FIXED_COLUMNS order.
    const cells: Cell[] = [journey, quarter, month, row.mode, row.language, row.channel, row.grade, row.effort];
    const segment = JSON.parse(row.segment) as Record<string, string>;
    for (const key in segment) {
      let index = segmentSlots.get(key);
      if (index === undefined) segmentSlots.set(key, (index = slot(segmentColumn(key))));
      cells[index] = segment[key]!;
    }
    for (const item of row.asked === null ? [] : (JSON.parse(row.asked) as AskedItem[])) {
      const index = itemSlot(item.code, item.touchpointId);
      if (index !== null) cells[index] = null;
    }
    byResponse.set(row.id, { journey, quarter, cells });
  }
  for (const answer of feelings) {
    const planted = byResponse.get(answer.responseId);
    const at = feelingSlot(answer.touchpointId);
    if (!planted || !at) continue;
    planted.cells[at.feeling] = answer.feeling ?? DONT_KNOW_CODE;
    if (options.comments) planted.cells[at.comment] = answer.comment === null ? null : maskPersonalData(answer.comment);
  }
  for (const answer of given) {
    const planted = byResponse.get(answer.responseId);
    const index = itemSlot(answer.code, answer.touchpointId);
    if (planted && index !== null) planted.cells[index] = answer.value ?? DONT_KNOW_CODE;
  }

  const categories = [...CATEGORY_COLUMNS, ...[...segmentSlots.keys()].sort().map(segmentColumn)].map((column) => ({ column, index: slots.get(column)! }));
  const { kept, withheld } = withhold([...byResponse.values()], categories, options.minGroupSize);
  const ordered = shuffledWithinGroups(kept, options.random);

  // Columns: describing, the fixed scores, the journey's items, then per step its feeling, items and comment.
  const positionOf = (code: string, slug: string | null) =>
    Math.min(...history.filter((item) => item.itemCode === code && (slug === null ? item.touchpointId === null : stepOf.get(item.touchpointId ?? -1)?.slug === slug)).map((item) => item.position));
  const byPosition = (a: [string, { code: string; slug: string | null }], b: [string, { code: string; slug: string | null }]) =>
    positionOf(a[1].code, a[1].slug) - positionOf(b[1].code, b[1].slug) || a[0].localeCompare(b[0]);
  const journeyLevel = [...itemColumns].filter(([, item]) => item.slug === null).sort(byPosition);
  const slugOrder = [...steps].sort((a, b) => journeyOf.get(a.journeyId)!.slug.localeCompare(journeyOf.get(b.journeyId)!.slug) || a.position - b.position);
  const orderedSlugs = [...new Set(slugOrder.map((step) => step.slug))].filter((slug) => stepSlugs.has(slug));
  // A column only withheld rows had is left out with them.
  const present = new Array<boolean>(slots.size).fill(false);
  for (const row of ordered) row.cells.forEach((cell, index) => (present[index] = present[index] || cell !== undefined));
  const columns = [
    'respondent',
    ...FIXED_COLUMNS.slice(0, 2),
    ...categories.map(({ column }) => column),
    ...FIXED_COLUMNS.slice(6),
    ...journeyLevel.map(([column]) => column),
    ...orderedSlugs.flatMap((slug) => [
      stepColumn(FEELING, slug),
      ...[...itemColumns]
        .filter(([, item]) => item.slug === slug)
        .sort(byPosition)
        .map(([column]) => column),
      ...(options.comments ? [stepColumn(COMMENT, slug)] : []),
    ]),
  ].filter((column) => column === 'respondent' || (FIXED_COLUMNS as readonly string[]).includes(column) || present[slots.get(column)!]);
  const order = columns.map((column) => (column === 'respondent' ? -1 : slots.get(column)!));
  const rows = ordered.map((row, number) => order.map((index) => (index < 0 ? number + 1 : (row.cells[index] ?? null))));
  const definitions = itemDefinitions(
    db,
    [...itemColumns.values()].map((item) => item.code),
  );
  const codebook = columns.map((column) =>
    describe(column, {
      definitions,
      itemColumns,
      steps: slugOrder,
      journeys: journeyRows.filter((journey) => ordered.some((row) => row.journey === journey.slug)),
      history: history.map((item) => ({ ...item, slug: item.touchpointId === null ? null : (stepOf.get(item.touchpointId)?.slug ?? null) })),
      withheld,
      options,
    }),
  );
  const journey = options.journeyId === undefined ? null : (journeyOf.get(options.journeyId)?.slug ?? null);
  return { from: options.from, to: options.to, journey, missingCode: DONT_KNOW_CODE, columns, codebook, rows, withheld };
}

/**
 * The minimum group size on single rows: a journey × quarter with fewer responses is left out
 * whole; within the rest, a describing value (month, mode, language, channel, segment) that
 * fewer responses of that journey and quarter share is left empty.
 */
function withhold(planted: Planted[], categories: readonly { column: string; index: number }[], minGroupSize: number): { kept: Planted[]; withheld: Withheld } {
  const groups = new Map<string, Planted[]>();
  for (const row of planted) {
    const key = `${row.journey}\u0000${row.quarter}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const withheld: Withheld = { minGroupSize, groups: [], cells: [] };
  const blanked = new Map<string, number>();
  const kept: Planted[] = [];
  for (const rows of groups.values()) {
    if (!isReportable(rows.length, minGroupSize)) {
      withheld.groups.push({ journey: rows[0]!.journey, quarter: rows[0]!.quarter, responses: rows.length });
      continue;
    }
    for (const { column, index } of categories) {
      const counts = new Map<Cell, number>();
      for (const row of rows) {
        const value = row.cells[index];
        if (value !== undefined && value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      for (const row of rows) {
        const value = row.cells[index];
        if (value === undefined || value === null || isReportable(counts.get(value)!, minGroupSize)) continue;
        row.cells[index] = null;
        blanked.set(column, (blanked.get(column) ?? 0) + 1);
      }
    }
    for (const row of rows) kept.push(row);
  }
  withheld.groups.sort((a, b) => a.journey.localeCompare(b.journey) || a.quarter.localeCompare(b.quarter));
  withheld.cells = [...blanked].sort(([a], [b]) => a.localeCompare(b)).map(([column, count]) => ({ column, count }));
  return { kept, withheld };
}

/** By journey and quarter; within each, in random order (Fisher–Yates). */
function shuffledWithinGroups(rows: Planted[], random: () => number): Planted[] {
  const sorted = [...rows].sort((a, b) => a.journey.localeCompare(b.journey) || a.quarter.localeCompare(b.quarter));
  let start = 0;
  while (start < sorted.length) {
    let end = start + 1;
    while (end < sorted.length && sorted[end]!.journey === sorted[start]!.journey && sorted[end]!.quarter === sorted[start]!.quarter) end++;
    for (let i = end - 1; i > start; i--) {
      const j = start + Math.floor(random() * (i - start + 1));
      [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
    }
    start = end;
  }
  return sorted;
}

interface DescribeContext {
  definitions: Map<string, ItemDefinition>;
  itemColumns: Map<string, { code: string; slug: string | null }>;
  steps: { slug: string; name: string }[];
  journeys: { slug: string; name: string }[];
  history: { itemCode: string; slug: string | null; addedAt: Date; removedAt: Date | null }[];
  withheld: Withheld;
  options: AnswerExportOptions;
}

const t = itemExport;
const fixed = (code: (typeof FIXED_ITEMS)[number]['code']) => FIXED_ITEMS.find((item) => item.code === code)!;
const numbered = (values: number[], labels: Record<number, string> = {}) => values.map((value) => ({ value, label: labels[value] ?? String(value) }));
const dontKnow = (label: string) => ({ value: DONT_KNOW_CODE, label });

/** The Dutch value labels of an item's scale. */
function itemValues(definition: ItemDefinition): CodebookEntry['values'] {
  const scales = dutch.texts.items.scales;
  const values =
    definition.scale === 'ja-deels-nee'
      ? numbered(scaleValues('ja-deels-nee'), scales.yesPartlyNo)
      : definition.scale === 'eens-1-5'
        ? numbered(scaleValues('eens-1-5'), scales.agree)
        : definition.scale === 'cijfer-1-10'
          ? numbered(scaleValues('cijfer-1-10'), { 1: t.values.gradeLow, 10: t.values.gradeHigh })
          : (definition.custom?.options ?? []).map((option, index) => ({ value: index + 1, label: option.nl }));
  return allowsDontKnow(definition.scale) ? [...values, dontKnow(scales.dontKnow)] : values;
}

/** One codebook entry: what a column holds, in words a researcher needs no one else for. */
function describe(column: string, context: DescribeContext): CodebookEntry {
  const { options, withheld } = context;
  const base = { column, code: column, step: null, level: t.levels.description, question: { nl: '', en: null }, values: [], source: t.source.meethuis, firstAsked: null, lastAsked: null, note: null };
  const blanked = withheld.cells.find((cell) => cell.column === column);
  const blankNote = blanked ? t.notes.cellsWithheld(blanked.count, withheld.minGroupSize) : null;
  const stepName = (slug: string) => [...new Set(context.steps.filter((step) => step.slug === slug).map((step) => step.name))].join(' / ');
  const empty = `${t.notes.empty} ${t.notes.dontKnow(DONT_KNOW_CODE)}`;
  switch (column) {
    case 'respondent': {
      const left = withheld.groups.reduce((sum, group) => sum + group.responses, 0);
      return { ...base, scale: t.scales.number, question: { nl: t.columns.respondent, en: null }, note: left ? t.notes.groupsWithheld(left, withheld.groups.length, withheld.minGroupSize) : null };
    }
    case 'klantreis':
      return { ...base, scale: t.scales.category, question: { nl: t.columns.journey, en: null }, values: context.journeys.map((journey) => ({ value: journey.slug, label: journey.name })) };
    case 'kwartaal':
      return { ...base, scale: t.scales.category, question: { nl: t.columns.quarter, en: null } };
    case 'maand':
      return { ...base, scale: t.scales.category, question: { nl: t.columns.month, en: null }, note: blankNote };
    case 'afname':
      return { ...base, scale: t.scales.category, question: { nl: t.columns.mode, en: null }, values: Object.entries(t.modes).map(([value, label]) => ({ value, label })), note: blankNote };
    case 'taal':
      return { ...base, scale: t.scales.category, question: { nl: t.columns.language, en: null }, note: blankNote };
    case 'kanaal':
      return { ...base, scale: t.scales.category, question: { nl: t.columns.channel, en: null }, note: blankNote };
    case 'MH-CIJFER':
      return {
        ...base,
        level: t.levels.journey,
        scale: fixed('MH-CIJFER').scale,
        question: { nl: dutch.texts.survey.gradeQuestion, en: options.english?.survey.gradeQuestion ?? null },
        values: numbered(scaleValues('cijfer-1-10'), { 1: t.values.gradeLow, 10: t.values.gradeHigh }),
        source: fixed('MH-CIJFER').source,
      };
    case 'MH-MOEITE':
      return {
        ...base,
        level: t.levels.journey,
        scale: fixed('MH-MOEITE').scale,
        question: { nl: dutch.texts.survey.effortQuestion, en: options.english?.survey.effortQuestion ?? null },
        values: numbered([1, 2, 3, 4, 5, 6, 7], { 1: t.values.effortLow, 7: t.values.effortHigh }),
        source: fixed('MH-MOEITE').source,
      };
  }
  if (column.startsWith('segment.')) {
    return { ...base, scale: t.scales.category, question: { nl: t.columns.segment(column.slice('segment.'.length)), en: null }, note: blankNote };
  }
  const [code, slug = null] = column.split('.') as [string, string?];
  if (code === FEELING && slug) {
    const name = stepName(slug);
    const feelings = dutch.texts.feelingOptions;
    return {
      ...base,
      code,
      step: slug,
      level: t.levels.touchpoint,
      scale: fixed('MH-GEVOEL').scale,
      question: { nl: dutch.texts.survey.feelingQuestion(name), en: options.english?.survey.feelingQuestion(name) ?? null },
      values: [...feelings.filter((option) => option.value !== 'nvt').map((option) => ({ value: Number(option.value), label: option.label })), dontKnow(feelings[5].label)],
      source: fixed('MH-GEVOEL').source,
      note: empty,
    };
  }
  if (code === COMMENT && slug) {
    return { ...base, code, step: slug, level: t.levels.touchpoint, scale: t.scales.text, question: { nl: t.columns.comment(stepName(slug)), en: null } };
  }
  const item = context.itemColumns.get(column)!;
  const definition = context.definitions.get(item.code);
  const asked = context.history.filter((entry) => entry.itemCode === item.code && entry.slug === item.slug);
  const first = asked.length ? dayOf(new Date(Math.min(...asked.map((entry) => entry.addedAt.getTime())))) : null;
  const last = asked.length === 0 || asked.some((entry) => entry.removedAt === null) ? null : dayOf(new Date(Math.max(...asked.map((entry) => entry.removedAt!.getTime()))));
  const question = definition?.custom
    ? { nl: definition.custom.texts.nl, en: definition.custom.texts.en ?? null }
    : { nl: dutch.texts.items.question(item.code, options.organisation) ?? item.code, en: options.english?.items.question(item.code, options.organisation) ?? null };
  return {
    ...base,
    code: item.code,
    step: item.slug,
    level: item.slug === null ? t.levels.journey : t.levels.touchpoint,
    scale: definition?.scale ?? '',
    question,
    values: definition ? itemValues(definition) : [],
    source: definition?.source ?? '',
    firstAsked: first,
    lastAsked: last,
    note: definition && allowsDontKnow(definition.scale) ? empty : t.notes.empty,
  };
}

const text = (cell: Cell) => (cell === null ? '' : String(cell));

/** The answers as CSV: a header of column names, then one line per response; numbers as plain integers, empty = not asked. */
export function answersCsv(data: AnswerExport): string {
  const lines = [spreadsheetLine(data.columns)];
  for (const row of data.rows) lines.push(spreadsheetLine(row.map(text)));
  return BYTE_ORDER_MARK + lines.join('');
}

/** The codebook as CSV: one line per column of the answers file, value labels as "code = label | …". */
export function codebookCsv(data: AnswerExport): string {
  return spreadsheetCsv([
    itemExport.codebookHeader,
    ...data.codebook.map((entry) => [
      entry.column,
      entry.code,
      entry.step ?? '',
      entry.level,
      entry.scale,
      entry.question.nl,
      entry.question.en ?? '',
      entry.values.map((value) => `${value.value} = ${value.label}`).join(' | '),
      entry.source,
      entry.firstAsked ?? '',
      entry.lastAsked ?? '',
      entry.note ?? '',
    ]),
  ]);
}

/** The answers as JSON: the codebook, the rows as objects by column (null = not asked) and what was withheld. */
export function answersJson(data: AnswerExport) {
  const { rows, columns, ...rest } = data;
  return { ...rest, rows: rows.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index]!]))) };
}
