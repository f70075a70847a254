/**
 * The coded export (/dashboard/export/antwoorden.csv|json) of 50,000 responses — a year of a
 * journey with three steps, three items and four segment keys — against the bare SELECT of the
 * same rows (responses with their invitation, their step answers, their item answers), measured
 * in the same run. The export builds the file in memory: the server's memory is reported.
 */
import { eq } from 'drizzle-orm';
import { createUser } from '../src/auth/users';
import { systemClock } from '../src/clock';
import { journeys, touchpoints } from '../src/db/schema';
import { addJourneyItem } from '../src/items/journey-items';
import { seededRandom } from '../src/seeded-random';
import { freshApp, mb, scaled, type Result } from './harness';

const RESPONSES = process.env.BENCH_EXPORT_RESPONSES ? Number(process.env.BENCH_EXPORT_RESPONSES) : scaled(50_000, 2_000);
const DAY = 86_400_000;

async function timed(iterations: number, run: () => unknown): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function itemExportBenchmark(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const { app, db } = freshApp(dir, 'item-export');
  const sqlite = db.$client;
  const now = Date.now();
  const journey = db.select().from(journeys).where(eq(journeys.slug, 'paspoort-aanvragen')).get()!;
  const steps = db.select().from(touchpoints).where(eq(touchpoints.journeyId, journey.id)).all();
  const balie = steps.find((step) => step.slug === 'balie')!;
  const asked = [
    { code: 'MH-BEANTWOORD', touchpointId: null },
    { code: 'MH-SERIEUS', touchpointId: null },
    { code: 'BP-BEJEGENING', touchpointId: balie.id },
  ];
  db.transaction((tx) => {
    for (const item of asked) addJourneyItem(tx, journey.id, item.code, item.touchpointId, new Date(now - 400 * DAY));
  });

  // Planted straight into the tables (as stored by the survey), so building takes seconds, not minutes.
  const random = seededRandom(23);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const insertInvitation = sqlite.prepare(
    `INSERT INTO invitations (journey_id, case_reference, address_hash, language, touchpoint_ids, items, segment, channel, case_closed_at, status, created_at, expires_at, answered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'answered', ?, ?, ?)`,
  );
  const insertResponse = sqlite.prepare(
    'INSERT INTO responses (invitation_id, journey_id, grade, effort, segment, channel, lead_time_days, submitted_at, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAnswer = sqlite.prepare('INSERT INTO answers (response_id, journey_id, touchpoint_id, feeling, comment, segment, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertItem = sqlite.prepare('INSERT INTO item_answers (response_id, journey_id, item_code, touchpoint_id, value, answered_at) VALUES (?, ?, ?, ?, ?, ?)');
  const started = Date.now();
  sqlite.transaction(() => {
    for (let i = 0; i < RESPONSES; i++) {
      const at = now - Math.floor(random() * 360 * DAY);
      const segment = JSON.stringify({ leeftijd: pick(['18-34', '35-49', '50-64', '65+']), wijk: pick(['Centrum', 'Noord', 'Oost', 'Zuid', 'West', 'Strijp']), huishouden: pick(['alleen', 'samen', 'gezin']), eerstekeer: pick(['ja', 'nee']) });
      const channel = pick(['balie', 'web', 'telefoon']);
      const invitation = insertInvitation.run(journey.id, `Z-BENCH-${i}`, `hash-${i}`, random() < 0.1 ? 'en' : 'nl', JSON.stringify(steps.map((step) => step.id)), JSON.stringify(asked), segment, channel, at, at, at + 30 * DAY, at);
      const response = insertResponse.run(invitation.lastInsertRowid, journey.id, 1 + Math.floor(random() * 10), 1 + Math.floor(random() * 7), segment, channel, 5, at, random() < 0.8 ? 'email' : 'letter');
      for (const step of steps) insertAnswer.run(response.lastInsertRowid, journey.id, step.id, random() < 0.05 ? null : Math.floor(random() * 5) - 2, random() < 0.2 ? 'Het duurde lang voordat ik geholpen werd' : null, segment, at);
      insertItem.run(response.lastInsertRowid, journey.id, 'MH-BEANTWOORD', null, pick([1, 2, 3]), at);
      insertItem.run(response.lastInsertRowid, journey.id, 'MH-SERIEUS', null, random() < 0.1 ? null : pick([1, 2, 3, 4, 5]), at);
      insertItem.run(response.lastInsertRowid, journey.id, 'BP-BEJEGENING', balie.id, 1 + Math.floor(random() * 10), at);
    }
  })();
  sqlite.pragma('optimize');
  const buildSeconds = Math.round((Date.now() - started) / 1000);

  await createUser(db, systemClock, { email: 'bench-export@gemeente.test', role: 'manager', password: 'een lange zin als wachtwoord' });
  const login = await app.request('/login', { method: 'POST', body: new URLSearchParams({ email: 'bench-export@gemeente.test', password: 'een lange zin als wachtwoord' }) });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  let bytes = 0;
  let rows = 0;
  const get = async (path: string) => {
    const response = await app.request(path, { headers: { Cookie: cookie } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    bytes = (await response.arrayBuffer()).byteLength;
  };
  const query = 'reis=paspoort-aanvragen&periode=365';

  // The same rows with nothing done to them: what any export has to read.
  const from = now - 365 * DAY;
  const bareResponses = sqlite.prepare(
    'SELECT r.id, r.journey_id, r.submitted_at, r.mode, i.language, r.channel, r.segment, r.grade, r.effort, i.items FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE r.submitted_at >= ? AND r.journey_id = ? ORDER BY r.id',
  );
  const bareAnswers = sqlite.prepare('SELECT a.response_id, a.touchpoint_id, a.feeling FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.submitted_at >= ? AND r.journey_id = ?');
  const bareItems = sqlite.prepare('SELECT a.response_id, a.item_code, a.touchpoint_id, a.value FROM item_answers a JOIN responses r ON r.id = a.response_id WHERE r.submitted_at >= ? AND r.journey_id = ?');
  const bare = () => {
    rows = bareResponses.all(from, journey.id).length;
    bareAnswers.all(from, journey.id);
    bareItems.all(from, journey.id);
  };

  const rssBefore = process.memoryUsage().rss;
  const bareMs = await timed(5, bare);
  const csvMs = await timed(5, () => get(`/dashboard/export/antwoorden.csv?${query}`));
  const csvBytes = bytes;
  const jsonMs = await timed(5, () => get(`/dashboard/export/antwoorden.json?${query}`));
  const jsonBytes = bytes;
  const codebookMs = await timed(5, () => get(`/dashboard/export/codeboek.csv?${query}`));
  const memory = process.memoryUsage();
  const memoryText = `rss ${mb(memory.rss)} (+${mb(memory.rss - rssBefore)}), heap ${mb(memory.heapUsed)}`;
  const scale = `${rows.toLocaleString('en')} responses`;
  return {
    results: [
      { name: `GET /dashboard/export/antwoorden.csv, 365 days (${scale}, ${mb(csvBytes)})`, ours: csvMs, baseline: bareMs, baselineName: 'bare SELECT of the same rows: responses + invitation, step answers, item answers', unit: 'ms', memory: memoryText },
      { name: `GET /dashboard/export/antwoorden.json, 365 days (${scale}, ${mb(jsonBytes)})`, ours: jsonMs, baseline: bareMs, baselineName: 'the same bare SELECT', unit: 'ms', memory: memoryText },
      { name: `GET /dashboard/export/codeboek.csv, 365 days (${scale})`, ours: codebookMs, baseline: bareMs, baselineName: 'the same bare SELECT', unit: 'ms', memory: memoryText },
    ],
    notes: [`Coded export: ${scale} planted in ${buildSeconds} s; the file is built in memory (one pass over the three reads, then withholding and the codebook).`],
  };
}
