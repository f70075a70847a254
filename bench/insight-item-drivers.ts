/**
 * Key drivers with the item bank's questions (issue 23) against the drivers without them (the
 * path before), on the dashboard benchmark's data with about 20,000 responses of one journey in
 * the 90 days, each with four item answers (three journey-level, one at the counter). Items have no
 * roll-up: their pairwise moments are built per response from item_answers and kept per day in a
 * cache of the connection, so this is what that costs on the first request and on the later ones.
 */
import { dayOf, shiftDay } from '../src/calendar';
import type { DashboardFilter } from '../src/heartmonitor/queries';
import { loadDrivers } from '../src/insight/drivers';
import { itemPanelData } from '../src/items/item-figures';
import { buildBenchData } from './dashboard';
import { freshApp, mb, medianMs, type Result } from './harness';

/** Answers in the whole data set: gives about 20,000 responses of paspoort-aanvragen in the last 90 days. */
const TARGET_ANSWERS = process.env.BENCH_ANSWERS ? Number(process.env.BENCH_ANSWERS) : 975_000;

export async function itemDriversBenchmarks(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const { db } = freshApp(dir, 'item-drivers');
  const sqlite = db.$client;
  const now = new Date();
  const { answers, buildSeconds, journeys } = buildBenchData(db, TARGET_ANSWERS, now);
  const { journey, touchpoints } = journeys[0]!;
  const to = dayOf(now);
  const filter: DashboardFilter = { journeyId: journey.id, from: shiftDay(to, -89), to };
  const since = now.getTime() - 90 * 86_400_000;
  const balie = touchpoints.find((step) => step.slug === 'balie')!.id;
  const started = Date.now();
  sqlite.transaction(() => {
    const insert = sqlite.prepare(
      `INSERT INTO item_answers (response_id, journey_id, item_code, touchpoint_id, value, answered_at)
       SELECT id, journey_id, ?, ?, CASE WHEN abs(random()) % 20 = 0 AND ? THEN NULL ELSE 1 + abs(random()) % ? END, submitted_at
       FROM responses WHERE journey_id = ? AND submitted_at >= ?`,
    );
    for (const [code, step, dontKnow, values] of [['MH-BEANTWOORD', null, 0, 3], ['MH-SERIEUS', null, 1, 5], ['MH-MEEDENKEN', null, 1, 5], ['BP-BEJEGENING', balie, 0, 10]] as const) {
      insert.run(code, step, dontKnow, values, journey.id, since);
    }
  })();
  const itemSeconds = Math.round((Date.now() - started) / 1000);
  sqlite.pragma('optimize');
  const responses = (sqlite.prepare('SELECT count(*) AS n FROM responses WHERE journey_id = ? AND submitted_at >= ?').get(journey.id, since) as { n: number }).n;
  const itemRows = (sqlite.prepare('SELECT count(*) AS n FROM item_answers').get() as { n: number }).n;

  // The first request reads every day's item answers; later ones only the days that changed (the per-day cache).
  const coldStart = process.hrtime.bigint();
  loadDrivers(db, filter, touchpoints, 10, { items: true });
  const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
  const withoutMs = await medianMs(30, () => loadDrivers(db, filter, touchpoints, 10));
  const withMs = await medianMs(30, () => loadDrivers(db, filter, touchpoints, 10, { items: true }));
  const panelMs = await medianMs(30, () => itemPanelData(db, filter, touchpoints, 10, 'maand'));
  const memory = process.memoryUsage();
  db.$client.close();

  const scale = `${responses.toLocaleString('en')} responses with items in 90 days`;
  const serverMemory = `rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`;
  return {
    results: [
      {
        name: `drivers panel server-side with the items as candidates, 90 days, 200 day resamples (${scale})`,
        ours: withMs,
        baseline: withoutMs,
        baselineName: 'the same drivers without items (steps only, roll-ups)',
        unit: 'ms',
        target: '< 100 ms (issue 16)',
        met: withMs < 100,
        gap: withMs < 100 ? undefined : 'the item moments are built per response (no roll-up), kept per day: see the notes',
      },
      {
        name: `drivers panel with the items, the first request on a connection (every day read, no cache yet) (${scale})`,
        ours: coldMs,
        baseline: withoutMs,
        baselineName: 'the same drivers without items (steps only, roll-ups)',
        unit: 'ms',
      },
      {
        name: `"Vragen uit de vragenbank" panel server-side: item figures and "beantwoord" per step, channel, month (${scale})`,
        ours: panelMs,
        baseline: withoutMs,
        baselineName: 'the drivers without items (a dashboard panel of comparable weight)',
        unit: 'ms',
      },
    ].map((result) => ({ ...result, memory: serverMemory })),
    notes: [
      `Item drivers: ${answers.toLocaleString('en')} answers built in ${buildSeconds} s, then ${itemRows.toLocaleString('en')} item answers in ${itemSeconds} s for ${scale}.`,
    ],
  };
}
