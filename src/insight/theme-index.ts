/**
 * The themes' indexer: reads the comments stored since its watermark (answers.id) and adds their
 * terms to the counts (comments per day and step, each term's comments per day for the journey and
 * for a step's negative comments, all-time counts of the latter), the comment → term index and the
 * display forms. It runs as a job
 * (src/jobs/themes.ts) and is brought up to date before a themes page is read, so submitting a
 * survey does no text work at all. SQLite commits answer ids in order, so a watermark misses none.
 */
import { dayOf } from '../calendar';
import type { Db } from '../db/client';
import { statementsPerConnection } from '../db/prepared';
import { commentTerms, entriesTerms } from './text/dutch-terms';

/** Comments per transaction: a round never holds the write lock for long. */
export const INDEX_BATCH = 2_000;
/** Indexed comments checked per round for a comment that retention cleared since. */
const PRUNE_BATCH = 2_000;

const prepared = statementsPerConnection((client) => ({
  state: client.prepare('SELECT last_answer_id AS lastAnswerId, prune_cursor AS pruneCursor FROM theme_index_state WHERE id = 1'),
  initState: client.prepare('INSERT OR IGNORE INTO theme_index_state (id, last_answer_id, prune_cursor) VALUES (1, 0, 0)'),
  saveState: client.prepare('UPDATE theme_index_state SET last_answer_id = ?, prune_cursor = ? WHERE id = 1'),
  pending: client.prepare(
    'SELECT id, journey_id AS journeyId, touchpoint_id AS touchpointId, feeling, comment, answered_at AS answeredAt FROM answers WHERE id > ? AND comment IS NOT NULL ORDER BY id LIMIT ?',
  ),
  lastAnswer: client.prepare('SELECT coalesce(max(id), 0) AS id FROM answers'),
  comments: client.prepare(
    `INSERT INTO theme_comment_counts (journey_id, day, touchpoint_id, negative, comments, terms) VALUES (@journey, @day, @step, @negative, @comments, @terms)
     ON CONFLICT DO UPDATE SET comments = comments + excluded.comments, terms = terms + excluded.terms`,
  ),
  // The term-first day tables have one covering index and no key of their own (a key would be a
  // second index to write): the indexer, their only writer, adds to a row or inserts it.
  journeyDayUpdate: client.prepare('UPDATE theme_journey_term_days SET comments = comments + @n WHERE journey_id = @journey AND term = @term AND day = @day'),
  journeyDayInsert: client.prepare('INSERT INTO theme_journey_term_days (journey_id, term, day, comments) VALUES (@journey, @term, @day, @n)'),
  negativeDayUpdate: client.prepare(
    'UPDATE theme_negative_term_days SET comments = comments + @n WHERE journey_id = @journey AND touchpoint_id = @step AND term = @term AND day = @day',
  ),
  negativeDayInsert: client.prepare('INSERT INTO theme_negative_term_days (journey_id, touchpoint_id, term, day, comments) VALUES (@journey, @step, @term, @day, @n)'),
  negativeTerm: client.prepare(
    'INSERT INTO theme_negative_terms (journey_id, touchpoint_id, term, comments) VALUES (@journey, @step, @term, @n) ON CONFLICT DO UPDATE SET comments = comments + excluded.comments',
  ),
  codes: client.prepare('SELECT id, entries FROM theme_codes'),
  codeCount: client.prepare(
    `INSERT INTO theme_code_counts (code_id, journey_id, day, touchpoint_id, comments) VALUES (@code, @journey, @day, @step, @n)
     ON CONFLICT DO UPDATE SET comments = comments + excluded.comments`,
  ),
  codeClear: client.prepare('DELETE FROM theme_code_counts WHERE code_id = ?'),
  codeMentions: client.prepare(
    `SELECT a.journey_id AS journeyId, a.touchpoint_id AS touchpointId, a.answered_at AS answeredAt FROM answers a
     WHERE a.id IN (SELECT answer_id FROM comment_terms WHERE term IN (SELECT value FROM json_each(?)))`,
  ),
  term: client.prepare('INSERT OR IGNORE INTO comment_terms (answer_id, term) VALUES (?, ?)'),
  form: client.prepare('INSERT INTO theme_term_forms (term, form, comments) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET comments = comments + 1'),
  pruneSlice: client.prepare('SELECT DISTINCT answer_id AS id FROM comment_terms WHERE answer_id > ? ORDER BY answer_id LIMIT ?'),
  prune: client.prepare(
    'DELETE FROM comment_terms WHERE answer_id IN (SELECT id FROM answers WHERE id > ? AND id <= ? AND comment IS NULL) AND answer_id > ? AND answer_id <= ?',
  ),
}));
type Statements = ReturnType<typeof prepared>;

interface PendingAnswer {
  id: number;
  journeyId: number;
  touchpointId: number;
  feeling: number | null;
  comment: string;
  answeredAt: number;
}

type Params = Record<string, string | number>;

/**
 * A batch's counts summed per row before they are written: a common word is written once per day
 * instead of once per comment, and rows are written in key order, so the term-first indexes are
 * walked through rather than jumped about in.
 */
class Tally {
  private readonly tables = new Map<string, Map<string, Params>>();

  add(table: string, key: Params, amounts: Record<string, number>): void {
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new Map()));
    const id = Object.values(key).join('\u0000');
    const row = rows.get(id);
    if (!row) rows.set(id, { ...key, ...amounts });
    else for (const [name, amount] of Object.entries(amounts)) row[name] = (row[name] as number) + amount;
  }

  sorted(table: string): Params[] {
    return [...(this.tables.get(table) ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  }
}

/** Whether a comment counts as negative for the themes: a feeling of −1 or −2. */
export const isNegativeFeeling = (feeling: number | null) => feeling !== null && feeling <= -1;

function state(sql: Statements) {
  sql.initState.run();
  return sql.state.get() as { lastAnswerId: number; pruneCursor: number };
}

/** How many answers were stored after the watermark (with or without a comment): cheap, two index reads. */
export function pendingAnswers(db: Pick<Db, '$client'>): number {
  const sql = prepared(db.$client);
  const row = sql.state.get() as { lastAnswerId: number } | undefined;
  return (sql.lastAnswer.get() as { id: number }).id - (row?.lastAnswerId ?? 0);
}

/**
 * Indexes one batch of comments past the watermark, in one transaction; returns how many comments it
 * read (0 when up to date).
 */
export function indexCommentBatch(db: Pick<Db, '$client'>, batch = INDEX_BATCH): number {
  const client = db.$client;
  const sql = prepared(client);
  return client
    .transaction(() => {
      const { lastAnswerId, pruneCursor } = state(sql);
      const rows = sql.pending.all(lastAnswerId, batch) as PendingAnswer[];
      const counts = new Tally();
      const codes = (sql.codes.all() as { id: number; entries: string }[]).map((code) => ({ id: code.id, terms: entriesTerms(JSON.parse(code.entries) as string[]) }));
      for (const answer of rows) {
        const day = dayOf(new Date(answer.answeredAt));
        const negative = isNegativeFeeling(answer.feeling) ? 1 : 0;
        const terms = commentTerms(answer.comment);
        const journey = answer.journeyId;
        const step = answer.touchpointId;
        counts.add('comments', { journey, day, step, negative }, { comments: 1, terms: terms.length });
        const written = new Set(terms.map(({ term }) => term));
        for (const code of codes) if (code.terms.some((term) => written.has(term))) counts.add('code', { code: code.id, journey, day, step }, { n: 1 });
        for (const { term, surface } of terms) {
          counts.add('journeyDay', { journey, term, day }, { n: 1 });
          if (negative) {
            counts.add('negativeDay', { journey, step, term, day }, { n: 1 });
            counts.add('negativeTerm', { journey, step, term }, { n: 1 });
          }
          sql.term.run(answer.id, term);
          sql.form.run(term, surface);
        }
      }
      for (const params of counts.sorted('comments')) sql.comments.run(params);
      for (const params of counts.sorted('journeyDay')) if (sql.journeyDayUpdate.run(params).changes === 0) sql.journeyDayInsert.run(params);
      for (const params of counts.sorted('negativeDay')) if (sql.negativeDayUpdate.run(params).changes === 0) sql.negativeDayInsert.run(params);
      for (const params of counts.sorted('negativeTerm')) sql.negativeTerm.run(params);
      for (const params of counts.sorted('code')) sql.codeCount.run(params);
      // A batch that is not full reached the end: every answer up to the newest is now counted.
      const watermark = rows.length === batch ? rows.at(-1)!.id : (sql.lastAnswer.get() as { id: number }).id;
      sql.saveState.run(Math.max(watermark, lastAnswerId), pruneCursor);
      return rows.length;
    })
    .immediate();
}

/**
 * Counts a code anew from the comment index: every comment indexed so far that holds any of its terms
 * (once), per day and step. Call inside the transaction that saves the code; the indexer counts the
 * comments after its watermark.
 */
export function recountCode(db: Pick<Db, '$client'>, codeId: number, terms: readonly string[]): void {
  const sql = prepared(db.$client);
  sql.codeClear.run(codeId);
  const counts = new Tally();
  const mentions = sql.codeMentions.all(JSON.stringify(terms)) as { journeyId: number; touchpointId: number; answeredAt: number }[];
  for (const row of mentions) counts.add('code', { code: codeId, journey: row.journeyId, day: dayOf(new Date(row.answeredAt)), step: row.touchpointId }, { n: 1 });
  for (const params of counts.sorted('code')) sql.codeCount.run(params);
}

/**
 * A page read brings the counts up to date itself, so a comment just given shows at once; but
 * never more than this many batches — after an upgrade or a bulk import the job counts the rest
 * in the background instead of one request waiting minutes.
 */
export const READ_CATCH_UP_BATCHES = 3;

/** Brings the counts up to date (batch after batch, at most `maxBatches`); cheap when nothing is pending. */
export function indexPendingComments(db: Pick<Db, '$client'>, options: { signal?: AbortSignal; maxBatches?: number } = {}): number {
  let total = 0;
  if (pendingAnswers(db) <= 0) return 0;
  for (let batch = 1; ; batch++) {
    const read = indexCommentBatch(db);
    total += read;
    if (read < INDEX_BATCH || options.signal?.aborted || batch === options.maxBatches) return total;
  }
}

/**
 * Drops the comment → term rows of comments that retention cleared since they were indexed: a slice of
 * the index per call, walking round it, so the words of a cleared comment do not stay behind. The daily
 * counts stay: they hold no text.
 */
export function pruneClearedComments(db: Pick<Db, '$client'>, batch = PRUNE_BATCH): number {
  const client = db.$client;
  const sql = prepared(client);
  return client
    .transaction(() => {
      const { lastAnswerId, pruneCursor } = state(sql);
      const slice = sql.pruneSlice.all(pruneCursor, batch) as { id: number }[];
      const end = slice.at(-1)?.id ?? 0;
      const removed = slice.length ? sql.prune.run(pruneCursor, end, pruneCursor, end).changes : 0;
      sql.saveState.run(lastAnswerId, slice.length === batch ? end : 0);
      return removed;
    })
    .immediate();
}
