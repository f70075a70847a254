/**
 * The themes of a journey's comments from the indexer's counts (./theme-index.ts), with labels,
 * masked quotes and the comments that mention a term or a code. Every read first brings the index
 * up to date (cheap when little is pending), and comment text is always read live from the
 * answers, so a comment that was erased or cleared never shows.
 */
import { dayRangeInstants } from '../calendar';
import type { Db } from '../db/client';
import { maskPersonalData } from '../mask';
import { isReportable } from '../min-group';
import type { ThemeCode, ThemeTrend } from '../db/schema';
import { entriesTerms } from './text/dutch-terms';
import { findThemes, shareTrend, withTrends, type FoundTheme, type PeriodCounts } from './theme-finder';
import { indexPendingComments, READ_CATCH_UP_BATCHES } from './theme-index';

export interface ThemeScope {
  journeyId: number;
  from: string;
  to: string;
  /** Narrows to one segment value or channel: then the counts come from the comment index, not the daily counts. */
  segment?: { key: string; value: string };
  channel?: string;
}

export interface Theme extends FoundTheme {
  /** The term in its most frequent written form ("lang wachten"). */
  label: string;
  /** Up to three masked quotes, the last submitted first. */
  quotes: string[];
  /** The first quote, for the overview. */
  quote?: string;
}

export interface ThemeParams extends Omit<ThemeScope, 'from' | 'to'> {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  minGroupSize: number;
}

export const QUOTES_PER_THEME = 3;

/** SQL conditions (on answers `a`, responses `r`) and their values for a scope's period and filters. */
function scopeConditions(scope: ThemeScope) {
  const { start, end } = dayRangeInstants(scope.from, scope.to);
  const conditions = ['a.journey_id = ?', 'a.answered_at >= ?', 'a.answered_at < ?', 'a.comment IS NOT NULL'];
  const values: unknown[] = [scope.journeyId, start.getTime(), end.getTime()];
  if (scope.segment) {
    conditions.push('json_extract(a.segment, ?) = ?');
    values.push(`$."${scope.segment.key.replace(/"/g, '')}"`, scope.segment.value);
  }
  if (scope.channel) {
    conditions.push('a.response_id IN (SELECT id FROM responses WHERE channel = ? AND journey_id = ?)');
    values.push(scope.channel, scope.journeyId);
  }
  return { where: conditions.join(' AND '), values };
}

const NEGATIVE = '(a.feeling IS NOT NULL AND a.feeling <= -1)';

/** A term at a step. */
export interface StepTerm {
  touchpointId: number;
  term: string;
}

// A term's count in a period: the sum of its day rows, one short range of a term-first covering index.
const NEGATIVE_MENTIONS = `(SELECT sum(r.comments) FROM theme_negative_term_days r
  WHERE r.journey_id = @journey AND r.touchpoint_id = s.touchpointId AND r.term = s.term AND r.day BETWEEN @from AND @to)`;

const SQL = {
  totals: `SELECT touchpoint_id AS touchpointId, negative, sum(comments) AS comments, sum(terms) AS terms FROM theme_comment_counts
    WHERE journey_id = @journey AND day BETWEEN @from AND @to GROUP BY 1, 2`,
  // Only terms a step's negative comments used at least @min times in all time can reach @min in a period.
  frequent: `SELECT touchpointId, term, mentions FROM (
      SELECT s.touchpointId, s.term, ${NEGATIVE_MENTIONS} AS mentions
      FROM (SELECT touchpoint_id AS touchpointId, term FROM theme_negative_terms WHERE journey_id = @journey AND comments >= @min) s)
    WHERE mentions >= @min`,
  stepTerms: `SELECT s.touchpointId, s.term, coalesce(${NEGATIVE_MENTIONS}, 0) AS mentions
    FROM (SELECT json_extract(j.value, '$[0]') AS touchpointId, json_extract(j.value, '$[1]') AS term FROM json_each(@terms) j) s`,
  journeyTerms: `SELECT j.value AS term, (SELECT sum(r.comments) FROM theme_journey_term_days r
      WHERE r.journey_id = @journey AND r.term = j.value AND r.day BETWEEN @from AND @to) AS mentions
    FROM json_each(@terms) j`,
};

type CountRow = { touchpointId: number; negative: number; comments: number; terms: number };
type MentionRow = { touchpointId: number; term: string; mentions: number };

/** Folds the rows of a period into the finder's counts. */
function assemble(totals: readonly CountRow[], stepMentions: readonly MentionRow[], journeyMentions: ReadonlyMap<string, number>): PeriodCounts {
  const steps = new Map<number, { comments: number; terms: number; mentions: Map<string, number> }>();
  let journeyTerms = 0;
  for (const row of totals) {
    journeyTerms += row.terms;
    if (row.negative === 1) steps.set(row.touchpointId, { comments: row.comments, terms: row.terms, mentions: new Map() });
  }
  for (const row of stepMentions) steps.get(row.touchpointId)?.mentions.set(row.term, row.mentions);
  return { steps, journey: { terms: journeyTerms, mentions: journeyMentions } };
}

/**
 * The document counts of a period for the theme finder: per step the negative comments, their term
 * total and the terms they mention at least `minGroupSize` times (or, with `only`, just those step
 * terms), and the journey's counts of those terms. Without a segment or channel they come from the
 * term-first day counts (a short range per term, only for terms frequent enough in all time); with
 * one, from the comment index.
 */
export function periodCounts(db: Db, scope: ThemeScope, select: { minGroupSize: number } | { only: readonly StepTerm[] }): PeriodCounts {
  const client = db.$client;
  if (scope.segment || scope.channel) return filteredCounts(db, scope, select);
  const period = { journey: scope.journeyId, from: scope.from, to: scope.to };
  const totals = client.prepare(SQL.totals).all(period) as CountRow[];
  const stepMentions = (
    'only' in select
      ? client.prepare(SQL.stepTerms).all({ ...period, terms: JSON.stringify(select.only.map((item) => [item.touchpointId, item.term])) })
      : client.prepare(SQL.frequent).all({ ...period, min: Math.max(1, select.minGroupSize) })
  ) as MentionRow[];
  const terms = 'only' in select ? [] : [...new Set(stepMentions.map((row) => row.term))];
  const journeyMentions = terms.length
    ? (client.prepare(SQL.journeyTerms).all({ ...period, terms: JSON.stringify(terms) }) as { term: string; mentions: number }[])
    : [];
  return assemble(totals, stepMentions, new Map(journeyMentions.map((row) => [row.term, row.mentions])));
}

/** The same counts for a segment or channel, from the comment index joined to the answers in scope. */
function filteredCounts(db: Db, scope: ThemeScope, select: { minGroupSize: number } | { only: readonly StepTerm[] }): PeriodCounts {
  const { where, values } = scopeConditions(scope);
  const client = db.$client;
  const totals = client
    .prepare(
      `SELECT a.touchpoint_id AS touchpointId, ${NEGATIVE} AS negative, count(*) AS comments,
       sum((SELECT count(*) FROM comment_terms ct WHERE ct.answer_id = a.id)) AS terms FROM answers a WHERE ${where} GROUP BY 1, 2`,
    )
    .all(...values) as CountRow[];
  const rows = client
    .prepare(
      `SELECT a.touchpoint_id AS touchpointId, ${NEGATIVE} AS negative, ct.term, count(*) AS mentions
       FROM answers a JOIN comment_terms ct ON ct.answer_id = a.id WHERE ${where} GROUP BY 1, 2, 3`,
    )
    .all(...values) as (MentionRow & { negative: number })[];
  const wanted = 'only' in select ? new Set(select.only.map((item) => `${item.touchpointId} ${item.term}`)) : undefined;
  const minimum = 'only' in select ? 0 : select.minGroupSize;
  const stepMentions = rows.filter(
    (row) => row.negative === 1 && (wanted ? wanted.has(`${row.touchpointId} ${row.term}`) : isReportable(row.mentions, minimum)),
  );
  const journeyMentions = new Map<string, number>();
  for (const row of rows) journeyMentions.set(row.term, (journeyMentions.get(row.term) ?? 0) + row.mentions);
  return assemble(totals, stepMentions, journeyMentions);
}

/** The most frequent written form of each term. */
export function termLabels(db: Db, terms: readonly string[]): Map<string, string> {
  const rows = db.$client
    .prepare(
      `SELECT term, form FROM (SELECT term, form, row_number() OVER (PARTITION BY term ORDER BY comments DESC, form) AS rank
       FROM theme_term_forms WHERE term IN (SELECT value FROM json_each(?))) WHERE rank = 1`,
    )
    .all(JSON.stringify(terms)) as { term: string; form: string }[];
  return new Map(rows.map((row) => [row.term, row.form]));
}

/**
 * Up to three masked quotes per term from a step's negative comments in the scope, the last submitted
 * first. Read from the term's side of the comment index, newest answer id first, stopping at three: a
 * theme is frequent in these comments by construction, so few rows are read.
 */
function quotesOf(db: Db, scope: ThemeScope, touchpointId: number, terms: readonly string[]): Map<string, string[]> {
  const { where, values } = scopeConditions(scope);
  const statement = db.$client.prepare(
    `SELECT a.comment FROM comment_terms ct CROSS JOIN answers a ON a.id = ct.answer_id
     WHERE ct.term = ? AND ${where} AND a.touchpoint_id = ? AND ${NEGATIVE} ORDER BY ct.answer_id DESC LIMIT ?`,
  );
  return new Map(
    terms.map((term) => [term, (statement.all(term, ...values, touchpointId, QUOTES_PER_THEME) as { comment: string }[]).map((row) => maskPersonalData(row.comment))]),
  );
}

/** The themes of every step of a journey in a period (by touchpoint id), with labels and masked quotes. */
export function journeyThemes(db: Db, params: ThemeParams, quotesFor: 'every theme' | 'the leading theme' = 'every theme'): Map<number, Theme[]> {
  indexPendingComments(db, { maxBatches: READ_CATCH_UP_BATCHES });
  const scored = findThemes(periodCounts(db, params, { minGroupSize: params.minGroupSize }), params.minGroupSize);
  const only = [...scored].flatMap(([touchpointId, themes]) => themes.map((theme) => ({ touchpointId, term: theme.term })));
  const previous = periodCounts(db, { ...params, from: params.previousFrom, to: params.previousTo }, { only });
  const found = withTrends(scored, previous, params.minGroupSize);
  const labels = termLabels(db, [...found.values()].flat().map((theme) => theme.term));
  const result = new Map<number, Theme[]>();
  for (const [touchpointId, themes] of found) {
    const quoted = quotesFor === 'every theme' ? themes : themes.slice(0, 1);
    const quotes = quotesOf(db, params, touchpointId, quoted.map((theme) => theme.term));
    result.set(
      touchpointId,
      themes.map((theme) => {
        const list = quotes.get(theme.term) ?? [];
        return { ...theme, label: labels.get(theme.term) ?? theme.term, quotes: list, quote: list[0] };
      }),
    );
  }
  return result;
}

/** For the overview ("Waar nu eerst"): the themes per step, leading theme first; only the leading one has quotes (the overview shows one). */
export function leadingThemes(db: Db, params: Omit<ThemeParams, 'segment' | 'channel'>): Map<number, Theme[]> {
  return journeyThemes(db, params, 'the leading theme');
}

/** For the digest ("themes that rose"): the themes whose share of the step's negative comments rose significantly. */
export function risingThemes(db: Db, params: Omit<ThemeParams, 'segment' | 'channel'>): { touchpointId: number; theme: Theme }[] {
  return [...journeyThemes(db, params)]
    .flatMap(([touchpointId, themes]) => themes.filter((theme) => theme.trend === 'rising').map((theme) => ({ touchpointId, theme })))
    .sort((a, b) => b.theme.share - (b.theme.previousShare ?? 0) - (a.theme.share - (a.theme.previousShare ?? 0)));
}

export interface CommentQuery extends ThemeScope {
  touchpointId?: number;
  /** Terms of which the comment must contain at least one; empty: every comment in scope. */
  terms: readonly string[];
  negativeOnly: boolean;
  page: number;
}

export interface CommentListItem {
  touchpointId: number;
  feeling: number | null;
  answeredAt: Date;
  /** Masked. */
  comment: string;
}

export const COMMENTS_PER_PAGE = 20;

/** The comments that mention any of the terms, newest first, a page at a time, masked; `total` counts them all. */
export function commentsMentioning(db: Db, query: CommentQuery): { items: CommentListItem[]; total: number } {
  indexPendingComments(db, { maxBatches: READ_CATCH_UP_BATCHES });
  const { where, values } = scopeConditions(query);
  const conditions = [where];
  const all: unknown[] = [...values];
  if (query.terms.length > 0) {
    conditions.push('EXISTS (SELECT 1 FROM comment_terms ct WHERE ct.answer_id = a.id AND ct.term IN (SELECT value FROM json_each(?)))');
    all.push(JSON.stringify(query.terms));
  }
  if (query.touchpointId !== undefined) {
    conditions.push('a.touchpoint_id = ?');
    all.push(query.touchpointId);
  }
  if (query.negativeOnly) conditions.push(NEGATIVE);
  const filter = conditions.join(' AND ');
  const total = (db.$client.prepare(`SELECT count(*) AS n FROM answers a WHERE ${filter}`).get(...all) as { n: number }).n;
  const rows = db.$client
    .prepare(
      `SELECT a.touchpoint_id AS touchpointId, a.feeling, a.answered_at AS answeredAt, a.comment FROM answers a WHERE ${filter}
       ORDER BY a.answered_at DESC, a.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...all, COMMENTS_PER_PAGE, (Math.max(1, query.page) - 1) * COMMENTS_PER_PAGE) as { touchpointId: number; feeling: number | null; answeredAt: number; comment: string }[];
  return { total, items: rows.map((row) => ({ ...row, answeredAt: new Date(row.answeredAt), comment: maskPersonalData(row.comment) })) };
}

export interface CodeCount {
  touchpointId: number;
  /** Comments at the step in the period that match the code (a comment matching two of its words counts once). */
  comments: number;
  /** All comments at the step in the period. */
  total: number;
  previous: number;
  previousTotal: number;
  /** Whether `comments` reaches the minimum group size (otherwise the count is not shown). */
  reportable: boolean;
  trend: ThemeTrend;
}

/**
 * How many comments per step match the code, this period and the previous one: from the code's daily
 * counts (./theme-index.ts), or for a segment or channel from the comment index.
 */
export function codeCounts(db: Db, params: ThemeParams, code: Pick<ThemeCode, 'id' | 'entries'>): CodeCount[] {
  indexPendingComments(db, { maxBatches: READ_CATCH_UP_BATCHES });
  const client = db.$client;
  type Row = { touchpointId: number; n: number };
  const count = (from: string, to: string) => {
    let totals: Row[];
    let matched: Row[];
    if (!params.segment && !params.channel) {
      const period = { journey: params.journeyId, from, to, code: code.id };
      totals = client
        .prepare('SELECT touchpoint_id AS touchpointId, sum(comments) AS n FROM theme_comment_counts WHERE journey_id = @journey AND day BETWEEN @from AND @to GROUP BY 1')
        .all(period) as Row[];
      matched = client
        .prepare(
          `SELECT touchpoint_id AS touchpointId, sum(comments) AS n FROM theme_code_counts
           WHERE code_id = @code AND journey_id = @journey AND day BETWEEN @from AND @to GROUP BY 1`,
        )
        .all(period) as Row[];
    } else {
      const { where, values } = scopeConditions({ ...params, from, to });
      totals = client.prepare(`SELECT a.touchpoint_id AS touchpointId, count(*) AS n FROM answers a WHERE ${where} GROUP BY 1`).all(...values) as Row[];
      matched = client
        .prepare(
          `SELECT a.touchpoint_id AS touchpointId, count(*) AS n FROM answers a WHERE ${where}
           AND a.id IN (SELECT answer_id FROM comment_terms WHERE term IN (SELECT value FROM json_each(?))) GROUP BY 1`,
        )
        .all(...values, JSON.stringify(entriesTerms(code.entries))) as Row[];
    }
    return { totals: new Map(totals.map((row) => [row.touchpointId, row.n])), matched: new Map(matched.map((row) => [row.touchpointId, row.n])) };
  };
  const now = count(params.from, params.to);
  const before = count(params.previousFrom, params.previousTo);
  const steps = new Set([...now.totals.keys(), ...before.totals.keys()]);
  return [...steps].map((touchpointId) => {
    const comments = now.matched.get(touchpointId) ?? 0;
    const total = now.totals.get(touchpointId) ?? 0;
    const previous = before.matched.get(touchpointId) ?? 0;
    const previousTotal = before.totals.get(touchpointId) ?? 0;
    const reportable = isReportable(comments, params.minGroupSize);
    const trend = reportable ? shareTrend(comments, total, previous, previousTotal, params.minGroupSize) : 'unknown';
    return { touchpointId, comments, total, previous, previousTotal, reportable, trend };
  });
}
