/**
 * The public page /resultaten on the dashboard benchmark's data (every journey public, "Is uw
 * vraag beantwoord?" answered on every response), against /verbeteringen — the public page next
 * to it — as baseline: the page as served (quarter sums cached), the same page's work without the
 * cache (every quarter read from the roll-ups and item_answers), and the bare SQL over the answers
 * it avoids.
 */
import { addDemoActions } from '../src/actions/demo-actions';
import { completedQuarters, daysOfQuarter } from '../src/actions/quarters';
import { dayOf, dayRangeInstants } from '../src/calendar';
import { createResultsCache, publicResults, PUBLIC_QUARTERS } from '../src/public-results/public-results';
import { buildBenchData } from './dashboard';
import { freshApp, mb, medianMs, scaled, type Result } from './harness';

const TARGET_ANSWERS = process.env.BENCH_ANSWERS ? Number(process.env.BENCH_ANSWERS) : scaled(1_000_000, 10_000);

export async function publicResultsBenchmark(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const { app, db, config } = freshApp(dir, 'public-results');
  const sqlite = db.$client;
  const now = new Date();
  const { answers, buildSeconds } = buildBenchData(db, TARGET_ANSWERS, now);
  sqlite.exec(
    `INSERT INTO item_answers (response_id, journey_id, item_code, touchpoint_id, value, answered_at)
     SELECT id, journey_id, 'MH-BEANTWOORD', NULL, 1 + abs(random()) % 3, submitted_at FROM responses`,
  );
  sqlite.exec('UPDATE journeys SET public_results = 1');
  addDemoActions(db, now, 365, { userId: null, label: 'bench' });

  const get = (path: string) =>
    Promise.resolve(app.request(path)).then(async (response) => {
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      return response.text();
    });
  const quarters = completedQuarters(dayOf(now), PUBLIC_QUARTERS);
  const oldest = daysOfQuarter(quarters.at(-1)!).from;
  const newest = daysOfQuarter(quarters[0]!).to;
  const { start, end } = dayRangeInstants(oldest, newest);
  // What the page would cost over the raw answers: the feeling per step, grade and "ja" share of one journey's four quarters.
  const bare = sqlite.prepare(
    `SELECT (SELECT count(*) FROM answers WHERE journey_id = ? AND answered_at >= ? AND answered_at < ?) AS a,
            (SELECT avg(grade) FROM responses WHERE journey_id = ? AND submitted_at >= ? AND submitted_at < ?) AS g,
            (SELECT avg(value = 3) FROM item_answers WHERE journey_id = ? AND answered_at >= ? AND answered_at < ? AND item_code = 'MH-BEANTWOORD') AS y`,
  );
  const journeyIds = (sqlite.prepare('SELECT id FROM journeys').all() as { id: number }[]).map((row) => row.id);

  const rssBefore = process.memoryUsage().rss;
  const improvementsMs = await medianMs(200, () => get('/verbeteringen'));
  const resultsMs = await medianMs(200, () => get('/resultaten'));
  const uncachedMs = await medianMs(20, () => publicResults(db, createResultsCache(), now, config.MIN_GROUP_SIZE));
  const bareMs = await medianMs(10, () => {
    for (const id of journeyIds) bare.get(id, start.getTime(), end.getTime(), id, start.getTime(), end.getTime(), id, start.getTime(), end.getTime());
  });
  const memory = process.memoryUsage();
  const html = await get('/resultaten');
  db.$client.close();

  const scale = `${(answers / 1e6).toFixed(2)} M answers, 3 public journeys`;
  const serverMemory = `rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`;
  return {
    results: [
      { name: `GET /resultaten, 4 quarters (${scale})`, ours: resultsMs, baseline: improvementsMs, baselineName: 'GET /verbeteringen (the public page next to it)', unit: 'ms' },
      {
        name: `/resultaten's figures without the quarter cache (${scale})`,
        ours: uncachedMs,
        baseline: improvementsMs,
        baselineName: 'GET /verbeteringen',
        unit: 'ms',
      },
      {
        name: '/resultaten\'s figures without the cache vs bare SQL over the answers',
        ours: uncachedMs,
        baseline: bareMs,
        baselineName: 'count of answers, mean grade and "ja" share per journey over the four quarters, bare SQL over answers, responses and item_answers',
        unit: 'ms',
      },
    ].map((result) => ({ ...result, memory: serverMemory })),
    notes: [
      `/resultaten: ${answers.toLocaleString('en')} answers over 365 days (built in ${buildSeconds} s), page ${Math.round(html.length / 1024)} KiB; server memory after the runs rss ${mb(memory.rss)} (before ${mb(rssBefore)}).`,
    ],
  };
}
