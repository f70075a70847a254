/**
 * The digest "Ongezouten feedback" for all journeys at 1,000,000 answers (BENCH_SCALE shrinks it):
 * buildDigest for the last complete month, against the bare SQL it needs — the feeling roll-ups of
 * every journey for the month and the month before, and the invitation counts per status.
 */
import { dayOf, dayRangeInstants } from '../src/calendar';
import { buildDigest } from '../src/digest/digest';
import { lastCompletePeriod } from '../src/digest/periods';
import { buildInsightBenchData } from './insight-overview';
import { freshApp, mb, medianMs, scaled, type Result } from './harness';

const TARGET_ANSWERS = process.env.BENCH_ANSWERS ? Number(process.env.BENCH_ANSWERS) : scaled(1_000_000, 10_000);

export async function digestBenchmarks(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const { db, config } = freshApp(dir, 'digest');
  const sqlite = db.$client;
  const now = new Date();
  const { answers, buildSeconds, comments, indexSeconds } = buildInsightBenchData(db, TARGET_ANSWERS, now);
  const today = dayOf(now);
  const period = lastCompletePeriod('month', today);

  const bareRollups = sqlite.prepare(
    `SELECT journey_id, touchpoint_id, sum(n) AS n, sum(sum) AS s, sum(sum_squares) AS ss FROM feeling_rollups
     WHERE segment_key = '' AND segment_value = '' AND day BETWEEN ? AND ? GROUP BY journey_id, touchpoint_id`,
  );
  const bareInvitations = sqlite.prepare(
    `SELECT journey_id, status, count(*) AS n FROM invitations WHERE created_at >= ? AND created_at < ? GROUP BY journey_id, status`,
  );
  const range = dayRangeInstants(period.from, period.to);
  const previousRange = dayRangeInstants(period.previousFrom, period.previousTo);
  const bare = () => {
    bareRollups.all(period.from, period.to);
    bareRollups.all(period.previousFrom, period.previousTo);
    bareInvitations.all(range.start.getTime(), range.end.getTime());
    bareInvitations.all(previousRange.start.getTime(), previousRange.end.getTime());
  };

  const rssBefore = process.memoryUsage().rss;
  const digestMs = await medianMs(15, () => buildDigest(db, period, { minGroupSize: config.MIN_GROUP_SIZE, today }));
  const bareMs = await medianMs(50, bare);
  const memory = process.memoryUsage();
  db.$client.close();

  const scale = `${(answers / 1e6).toFixed(2)} M answers`;
  const met = digestMs < 2000;
  return {
    results: [
      {
        name: `digest for all journeys, last complete month (${scale})`,
        ours: digestMs,
        baseline: bareMs,
        baselineName: 'bare SQL: feeling roll-ups of every journey for the month and the month before, invitations per status',
        unit: 'ms',
        target: '< 2 s',
        met,
        gap: met ? undefined : 'see the notes',
        memory: `rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`,
      },
    ],
    notes: [
      `Digest data: ${answers.toLocaleString('en')} answers over 365 days, built in ${buildSeconds} s; ${comments.toLocaleString('en')} answers read by the themes' indexer in ${indexSeconds} s; period ${period.key}. Memory before the runs: rss ${mb(rssBefore)}.`,
    ],
  };
}
