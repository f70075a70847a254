/**
 * The no-show panel with 500,000 appointments (a year of a large city's counters, with the
 * patterns of src/noshows/demo-appointments.ts): the htmx fragment and the full page against the
 * bare SQL aggregate the panel needs — the one grouped query over the covering index for the
 * period — measured in the same run. The panel reads that aggregate through a per-day cache
 * (src/noshows/day-cache.ts), so it is measured warm, with a write before every request (the
 * steady state while events arrive: one day reloads), and cold (another connection wrote, so the
 * whole period reloads). The segment breakdown (?segment=wijk) has its own per-day cache, measured
 * warm (target < 50 ms, issue 22) and cold against the bare json_extract query.
 * Also the CSV appointment import in rows/s (bench/csv-import.ts).
 */
import Database from 'better-sqlite3';
import { createUser } from '../src/auth/users';
import { dayOf, shiftDay } from '../src/calendar';
import { systemClock } from '../src/clock';
import { recordAppointment } from '../src/noshows/appointments';
import { generateDemoAppointments } from '../src/demo/demo-appointments';
import { groupedAppointmentRows, segmentBreakdownQuery } from '../src/noshows/queries';
import { csvImportBenchmark } from './csv-import';
import { freshApp, mb, medianMs, scaled, type Result } from './harness';

const TARGET_APPOINTMENTS = process.env.BENCH_APPOINTMENTS ? Number(process.env.BENCH_APPOINTMENTS) : scaled(500_000, 5_000);

async function medianOf(iterations: number, prepare: (i: number) => void, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    prepare(i);
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function noShowBenchmarks(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  // First, before the panel's 500,000 appointments fill the heap.
  const csvImport = await csvImportBenchmark(dir);
  const { app, db, config } = freshApp(dir, 'noshows');
  const sqlite = db.$client;
  const now = new Date();
  const started = Date.now();
  const report = generateDemoAppointments(db, { count: TARGET_APPOINTMENTS, days: 365, seed: 11 }, now);
  sqlite.pragma('optimize');
  const buildSeconds = Math.round((Date.now() - started) / 1000);

  await createUser(db, systemClock, { email: 'bench-noshows@gemeente.test', role: 'manager', password: 'een lange zin als wachtwoord' });
  const login = await app.request('/login', { method: 'POST', body: new URLSearchParams({ email: 'bench-noshows@gemeente.test', password: 'een lange zin als wachtwoord' }) });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const get = (path: string, htmx: boolean) =>
    Promise.resolve(app.request(path, { headers: { Cookie: cookie, ...(htmx ? { 'HX-Request': 'true' } : {}) } })).then(async (response) => {
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      return response.text();
    });

  const today = dayOf(now);
  const from90 = shiftDay(today, -89);
  const from365 = shiftDay(today, -364);
  const fragment = '/dashboard/no-shows';
  const filtered = '/dashboard/no-shows?periode=365&product=paspoort&kanaal=telefoon';
  const withSegment = '/dashboard/no-shows?segment=wijk';

  // Another connection's commit changes PRAGMA data_version: the panel's cache starts over.
  const other = new Database(config.DATABASE_PATH);
  const touch = other.prepare('UPDATE appointments SET updated_at = updated_at + 1 WHERE id = 1');
  let live = 0;
  const writeToday = () => {
    live++;
    recordAppointment(
      db,
      { addressHashKey: 'bench', now: new Date() },
      { reference: `BENCH-LIVE-${live}`, status: 'booked', at: new Date(), product: 'paspoort', location: 'Stadskantoor', channel: 'web', bookedAt: new Date(), startsAt: new Date(now.getTime() + 3_600_000) },
      'bench',
    );
  };

  const rssBefore = process.memoryUsage().rss;
  const coldMs = await medianOf(7, () => touch.run(), () => get(fragment, true));
  const warmMs = await medianMs(40, () => get(fragment, true));
  const liveMs = await medianOf(40, writeToday, () => get(fragment, true));
  const pageMs = await medianMs(20, () => get(fragment, false));
  const filteredMs = await medianMs(20, () => get(filtered, true));
  const segmentColdMs = await medianOf(5, () => touch.run(), () => get(withSegment, true));
  const segmentMs = await medianMs(20, () => get(withSegment, true));
  const bare90Ms = await medianMs(10, () => groupedAppointmentRows(db, from90, today));
  const bare365FilteredMs = await medianMs(5, () => groupedAppointmentRows(db, from365, today, { product: 'paspoort', channel: 'telefoon' }));
  const bareSegmentMs = await medianMs(5, () => segmentBreakdownQuery(db, from90, today, {}, 'wijk'));
  const memory = process.memoryUsage();
  const rows90 = (sqlite.prepare('SELECT count(*) FROM appointments WHERE day BETWEEN ? AND ?').pluck().get(from90, today) as number).toLocaleString('en');
  other.close();
  sqlite.close();

  const scale = `${(report.appointments / 1e3).toFixed(0)}k appointments`;
  const bareSegment = 'the bare segment query alone: json_extract over every appointment of the 90 days, grouped';
  const bare = 'the bare SQL aggregate: one GROUP BY over the covering index for the period (90 days)';
  // The app runs in this process: its memory is the server's.
  const serverMemory = `rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`;
  return {
    results: [
      { name: `GET /dashboard/no-shows htmx fragment, 90 days, cache warm (${scale})`, ours: warmMs, baseline: bare90Ms, baselineName: bare, unit: 'ms' },
      {
        name: `GET /dashboard/no-shows fragment, an appointment written before each request (${scale})`,
        ours: liveMs,
        baseline: bare90Ms,
        baselineName: `${bare}; the written day reloads`,
        unit: 'ms',
      },
      {
        name: `GET /dashboard/no-shows fragment, cold: another connection wrote, all 90 days reload (${scale})`,
        ours: coldMs,
        baseline: bare90Ms,
        baselineName: bare,
        unit: 'ms',
      },
      { name: `GET /dashboard/no-shows full page, 90 days (${scale})`, ours: pageMs, baseline: bare90Ms, baselineName: bare, unit: 'ms' },
      {
        name: `GET /dashboard/no-shows fragment, 365 days, product and channel filter (${scale})`,
        ours: filteredMs,
        baseline: bare365FilteredMs,
        baselineName: 'the same GROUP BY for 365 days with the filters in SQL',
        unit: 'ms',
      },
      {
        name: `GET /dashboard/no-shows fragment with the segment breakdown, cache warm (${scale})`,
        ours: segmentMs,
        baseline: bareSegmentMs,
        baselineName: bareSegment,
        unit: 'ms',
        target: '< 50 ms warm',
        met: segmentMs < 50,
        gap: segmentMs < 50 ? undefined : `${segmentMs.toFixed(1)} ms against 50`,
      },
      {
        name: `GET /dashboard/no-shows fragment with the segment breakdown, cold: another connection wrote, both caches reload 90 days (${scale})`,
        ours: segmentColdMs,
        baseline: bareSegmentMs,
        baselineName: bareSegment,
        unit: 'ms',
      },
      ...csvImport.results,
    ].map((result) => ({ ...result, memory: result.memory ?? serverMemory })),
    notes: [
      ...csvImport.notes,
      `No-shows: ${report.appointments.toLocaleString('en')} appointments over 365 days plus a month ahead (${Object.entries(report.byStatus)
        .map(([status, n]) => `${status} ${n.toLocaleString('en')}`)
        .join(', ')}), built in ${buildSeconds} s; ${rows90} in the default 90 days.`,
      'No-show segment breakdown: warm, a request only adds up the cached per-day rows of the key (json_extract ran once per day); cold (the first request for a key, or after another process wrote) loads the 90 days grouped by day, product, location, channel and value, about twice the bare query, which is what limits the cold figure.',
      `Server memory after the no-show runs: rss ${mb(memory.rss)} (before the runs ${mb(rssBefore)}), heap used ${mb(memory.heapUsed)}.`,
    ],
  };
}
