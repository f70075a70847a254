/**
 * The dashboard with 1,000,000 answers: the htmx fragment and the full page, against the bare
 * SQL aggregate the heart monitor needs — once straight over the answers table (what it would
 * cost without roll-ups) and once over the roll-ups it really reads.
 */
import { addDays } from '../src/clock';
import { createUser } from '../src/auth/users';
import { systemClock } from '../src/clock';
import { dayOf } from '../src/calendar';
import { addToRollups } from '../src/heartmonitor/rollups';
import { findJourneyBySlug } from '../src/journeys/journeys';
import { seededRandom } from '../src/demo/demo-history';
import type { Db } from '../src/db/client';
import { freshApp, mb, medianMs, scaled, type Result } from './harness';

const TARGET_ANSWERS = process.env.BENCH_ANSWERS ? Number(process.env.BENCH_ANSWERS) : scaled(1_000_000, 10_000);

/** Fills the database with synthetic invitations, responses and answers through the real roll-up code. */
export function buildBenchData(db: Db, target: number, now: Date) {
  const sqlite = db.$client;
  const random = seededRandom(42);
  const journeys = ['paspoort-aanvragen', 'verhuizing-doorgeven', 'schuldhulp-aanvragen'].map((slug) => findJourneyBySlug(db, slug)!);
  const districts = ['Centrum', 'Woensel-Noord', 'Woensel-Zuid', 'Strijp', 'Stratum', 'Gestel', 'Tongelre'];
  const ages = ['18-34', '35-64', '65+'];
  const channels = ['balie', 'web', 'telefoon', 'post'];

  const insertInvitation = sqlite.prepare(
    `INSERT INTO invitations (journey_id, case_reference, token_hash, address_hash, language, touchpoint_ids, segment, channel, lead_time_days, case_closed_at, status, created_at, expires_at, answered_at, mailed_at)
     VALUES (?, ?, ?, ?, 'nl', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMail = sqlite.prepare(
    `INSERT INTO outbox (kind, invitation_id, to_address, subject, headers, message_id, status, attempts, due_at, created_at, sent_at, transport)
     VALUES ('invitation', ?, 'bench@bench.invalid', 'bench', '{}', ?, 'sent', 1, ?, ?, ?, 'bench')`,
  );
  const insertResponse = sqlite.prepare(
    `INSERT INTO responses (invitation_id, journey_id, grade, effort, segment, channel, lead_time_days, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnswer = sqlite.prepare(
    `INSERT INTO answers (response_id, journey_id, touchpoint_id, feeling, comment, segment, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  const started = Date.now();
  let answers = 0;
  let counter = 0;
  const batch = sqlite.transaction((size: number) => {
    for (let i = 0; i < size && answers < target; i++) {
      counter++;
      const { journey, touchpoints } = journeys[Math.floor(random() * journeys.length)]!;
      const at = new Date(now.getTime() - random() * 365 * 86_400_000);
      const segment = { leeftijd: ages[Math.floor(random() * ages.length)]!, wijk: districts[Math.floor(random() * districts.length)]! };
      const channel = channels[Math.floor(random() * channels.length)]!;
      const lead = Math.round(random() * 60);
      const answered = random() < 0.72;
      const segmentJson = JSON.stringify(segment);
      const invitationId = Number(
        insertInvitation.run(
          journey.id,
          `B-${counter}`,
          `bench-${counter}`,
          `hash-${counter}`,
          JSON.stringify(touchpoints.map((t) => t.id)),
          segmentJson,
          channel,
          lead,
          at.getTime(),
          answered ? 'answered' : 'expired',
          at.getTime(),
          addDays(at, 30).getTime(),
          answered ? at.getTime() : null,
          at.getTime(),
        ).lastInsertRowid,
      );
      insertMail.run(invitationId, `<bench-${counter}@bench.invalid>`, at.getTime(), at.getTime(), at.getTime());
      if (!answered) continue;
      const grade = 1 + Math.floor(random() * 10);
      const effort = 1 + Math.floor(random() * 7);
      const responseId = Number(insertResponse.run(invitationId, journey.id, grade, effort, segmentJson, channel, lead, at.getTime()).lastInsertRowid);
      const rows = touchpoints.map((touchpoint) => {
        const feeling = random() < 0.05 ? null : Math.max(-2, Math.min(2, Math.round((random() - 0.45) * 4)));
        const comment = random() < 0.2 ? `Toelichting ${counter} bij ${touchpoint.name}` : null;
        insertAnswer.run(responseId, journey.id, touchpoint.id, feeling, comment, segmentJson, at.getTime());
        return { touchpointId: touchpoint.id, feeling };
      });
      answers += rows.length;
      addToRollups(db, { journeyId: journey.id, submittedAt: at, channel, leadTimeDays: lead, segment, mode: 'email', grade, effort, answers: rows });
    }
  });
  while (answers < target) batch(5000);
  sqlite.pragma('optimize');
  return { answers, invitations: counter, journeys, buildSeconds: Math.round((Date.now() - started) / 1000) };
}

export async function dashboardBenchmarks(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const { app, db } = freshApp(dir, 'dashboard');
  const sqlite = db.$client;
  const now = new Date();
  const { answers, invitations: counter, journeys, buildSeconds } = buildBenchData(db, TARGET_ANSWERS, now);
  const rollupRows = (sqlite.prepare('SELECT count(*) AS n FROM feeling_rollups').get() as { n: number }).n;

  await createUser(db, systemClock, { email: 'bench@gemeente.test', role: 'manager', password: 'een lange zin als wachtwoord' });
  const login = await app.request('/login', { method: 'POST', body: new URLSearchParams({ email: 'bench@gemeente.test', password: 'een lange zin als wachtwoord' }) });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const get = (path: string, htmx: boolean) =>
    Promise.resolve(app.request(path, { headers: { Cookie: cookie, ...(htmx ? { 'HX-Request': 'true' } : {}) } })).then(async (response) => {
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      return response.text();
    });

  const journeyId = journeys[0]!.journey.id;
  const from = addDays(now, -89).getTime();
  const bareAnswers = sqlite.prepare(
    `SELECT touchpoint_id, count(feeling) AS n, sum(feeling) AS s, sum(feeling * feeling) AS ss
     FROM answers WHERE journey_id = ? AND answered_at >= ? GROUP BY touchpoint_id`,
  );
  const bareRollups = sqlite.prepare(
    `SELECT touchpoint_id, sum(n) AS n, sum(sum) AS s, sum(sum_squares) AS ss FROM feeling_rollups
     WHERE journey_id = ? AND segment_key = '' AND segment_value = '' AND day BETWEEN ? AND ? GROUP BY touchpoint_id`,
  );
  const fromDay = dayOf(new Date(from));
  const toDay = dayOf(now);

  const rssBefore = process.memoryUsage().rss;
  const fragmentMs = await medianMs(40, () => get('/dashboard?reis=paspoort-aanvragen', true));
  const pageMs = await medianMs(40, () => get('/dashboard?reis=paspoort-aanvragen', false));
  const heavyMs = await medianMs(20, () => get('/dashboard?reis=schuldhulp-aanvragen&periode=365&segment=leeftijd:65%2B&vergelijk=wijk&per=maand', true));
  const bareAnswersMs = await medianMs(20, () => bareAnswers.all(journeyId, from));
  const bareRollupsMs = await medianMs(200, () => bareRollups.all(journeyId, fromDay, toDay));
  const memory = process.memoryUsage();
  db.$client.close();

  const scale = `${(answers / 1e6).toFixed(2)} M answers`;
  // The app runs in this process: its memory is the server's.
  const serverMemory = `rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`;
  return {
    results: [
      {
        name: `GET /dashboard htmx fragment, 90 days, all panels (${scale})`,
        ours: fragmentMs,
        baseline: bareAnswersMs,
        baselineName: 'the heart-monitor aggregate as bare SQL over the answers table (no roll-ups)',
        unit: 'ms',
      },
      {
        name: `GET /dashboard full page (${scale})`,
        ours: pageMs,
        baseline: bareAnswersMs,
        baselineName: 'the same bare SQL aggregate over answers',
        unit: 'ms',
      },
      {
        name: `GET /dashboard fragment, 365 days, segment filter, comparison per district, per month (${scale})`,
        ours: heavyMs,
        baseline: bareAnswersMs,
        baselineName: 'the same bare SQL aggregate over answers (90 days)',
        unit: 'ms',
      },
      {
        name: 'heart-monitor fragment vs the roll-up aggregate it reads',
        ours: fragmentMs,
        baseline: bareRollupsMs,
        baselineName: 'bare SQL over feeling_rollups (90 days, everyone)',
        unit: 'ms',
      },
    ].map((result) => ({ ...result, memory: serverMemory })),
    notes: [
      `Data: ${answers.toLocaleString('en')} answers from ${counter.toLocaleString('en')} invitations over 365 days, built in ${buildSeconds} s; ${rollupRows.toLocaleString('en')} feeling roll-up rows.`,
      `Server memory after the dashboard runs: rss ${mb(memory.rss)} (before the runs ${mb(rssBefore)}), heap used ${mb(memory.heapUsed)}.`,
    ],
  };
}
