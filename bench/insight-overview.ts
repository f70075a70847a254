/**
 * "Waar nu eerst" at 1,000,000 answers: the overview across all journeys (server-side, the
 * function and the whole page) against the bare roll-up SQL it needs — the feeling sums per
 * touchpoint of every journey for the period and the previous one.
 */
import { systemClock } from '../src/clock';
import { createUser } from '../src/auth/users';
import { dayOf } from '../src/calendar';
import { resolveFilters } from '../src/heartmonitor/filters';
import { loadOverview } from '../src/insight/overview';
import { loadResponseRates } from '../src/insight/response-rates';
import { dayRangeInstants } from '../src/calendar';
import { findJourneyBySlug } from '../src/journeys/journeys';
import { indexPendingComments } from '../src/insight/theme-index';
import type { Db } from '../src/db/client';
import { buildBenchData } from './dashboard';
import { freshApp, mb, medianMs, scaled, type Result } from './harness';

const TARGET_ANSWERS = process.env.BENCH_ANSWERS ? Number(process.env.BENCH_ANSWERS) : scaled(1_000_000, 10_000);

/** The dashboard's benchmark data with its comments counted for the themes, as the server's job would have done. */
export function buildInsightBenchData(db: Db, target: number, now: Date) {
  const built = buildBenchData(db, target, now);
  const started = Date.now();
  const comments = indexPendingComments(db);
  return { ...built, comments, indexSeconds: Math.round((Date.now() - started) / 1000) };
}

export async function overviewBenchmarks(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const { app, db, config } = freshApp(dir, 'overview');
  const sqlite = db.$client;
  const now = new Date();
  const { answers, buildSeconds, comments, indexSeconds } = buildInsightBenchData(db, TARGET_ANSWERS, now);

  await createUser(db, systemClock, { email: 'bench@gemeente.test', role: 'manager', password: 'een lange zin als wachtwoord' });
  const login = await app.request('/login', { method: 'POST', body: new URLSearchParams({ email: 'bench@gemeente.test', password: 'een lange zin als wachtwoord' }) });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const page = async (path: string) => {
    const response = await app.request(path, { headers: { Cookie: cookie } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return response.text();
  };

  const filters = resolveFilters({}, now);
  const today = dayOf(now);
  const bare = sqlite.prepare(
    `SELECT journey_id, touchpoint_id, sum(n) AS n, sum(sum) AS s, sum(sum_squares) AS ss FROM feeling_rollups
     WHERE segment_key = '' AND segment_value = '' AND day BETWEEN ? AND ? GROUP BY journey_id, touchpoint_id`,
  );
  const bareMs = await medianMs(100, () => {
    bare.all(filters.from, filters.to);
    bare.all(filters.previousFrom, filters.previousTo);
  });
  const rssBefore = process.memoryUsage().rss;
  const overviewMs = await medianMs(40, () => loadOverview(db, filters, { minGroupSize: config.MIN_GROUP_SIZE, today }));
  const pageMs = await medianMs(30, () => page('/dashboard'));
  const journeyPageMs = await medianMs(30, () => page('/dashboard?reis=paspoort-aanvragen'));
  // "Wie antwoordt, wie niet" reads the period's invitations (not roll-ups): against the bare count per status from the same index.
  const journeyId = findJourneyBySlug(db, 'paspoort-aanvragen')!.journey.id;
  const ratesFor = (days: string) => {
    const period = resolveFilters({ periode: days }, now);
    const { start, end } = dayRangeInstants(period.from, period.to);
    return { filter: { journeyId, from: period.from, to: period.to }, start: start.getTime(), end: end.getTime() };
  };
  const bareFunnel = sqlite.prepare('SELECT status, count(*) FROM invitations WHERE journey_id = ? AND created_at >= ? AND created_at < ? GROUP BY status');
  const rates = { 90: ratesFor('90'), 365: ratesFor('365') };
  const bareFunnelMs = { 90: await medianMs(30, () => bareFunnel.all(journeyId, rates[90].start, rates[90].end)), 365: await medianMs(10, () => bareFunnel.all(journeyId, rates[365].start, rates[365].end)) };
  const ratesMs = { 90: await medianMs(30, () => loadResponseRates(db, rates[90].filter, config.MIN_GROUP_SIZE)), 365: await medianMs(10, () => loadResponseRates(db, rates[365].filter, config.MIN_GROUP_SIZE)) };
  const memory = process.memoryUsage();
  sqlite.close();

  const scale = `${(answers / 1e6).toFixed(2)} M answers`;
  const serverMemory = `rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`;
  const baselineName = 'bare SQL over feeling_rollups: sums per touchpoint of every journey, period and previous period';
  return {
    results: [
      { name: `loadOverview, all journeys, 90 days (${scale})`, ours: overviewMs, baseline: bareMs, baselineName, unit: 'ms', target: '< 100 ms', met: overviewMs < 100 },
      { name: `GET /dashboard with "Waar nu eerst" and the first journey below it (${scale})`, ours: pageMs, baseline: bareMs, baselineName, unit: 'ms' },
      { name: `GET /dashboard?reis=… without the overview, same run (${scale})`, ours: journeyPageMs, baseline: bareMs, baselineName, unit: 'ms' },
      ...([90, 365] as const).map((days) => ({
        name: `loadResponseRates ("Wie antwoordt, wie niet"), one journey, ${days} days (${scale})`,
        ours: ratesMs[days],
        baseline: bareFunnelMs[days],
        baselineName: `bare SQL: the journey's invitations of those ${days} days counted per status (same covering index)`,
        unit: 'ms',
      })),
    ].map((result) => ({ ...result, memory: serverMemory })),
    notes: [
      `Overview data: ${answers.toLocaleString('en')} answers over 365 days, built in ${buildSeconds} s; ${comments.toLocaleString('en')} answers read by the themes' indexer in ${indexSeconds} s. Memory before the runs: rss ${mb(rssBefore)}.`,
    ],
  };
}
