/**
 * Themes with 300,000 comments (issue 16): the themes panel (themes of every step with quotes and a
 * codebook count) against the bare SQL it needs (the daily term counts of the period and the one
 * before), and what a response with a comment costs to add without and with its indexing.
 */
import { resolveFilters } from '../src/heartmonitor/filters';
import { seededRandom } from '../src/demo/demo-history';
import { createCode } from '../src/insight/codebook';
import { indexCommentBatch, indexPendingComments } from '../src/insight/theme-index';
import { themesPageData } from '../src/insight/theme-page';
import { buildBenchData } from './dashboard';
import { benchEvent, freshApp, mb, medianMs, scaled, type Result } from './harness';

const TARGET_COMMENTS = scaled(300_000, 3_000);

/** A word list with a long tail: 40 everyday words and 3,000 rarer made-up ones, drawn Zipf-like. */
function vocabulary(random: () => number) {
  const common = ('afspraak wachten balie loket formulier website medewerker vriendelijk snel traag duidelijk onduidelijk brief mail telefoon ' +
    'paspoort verhuizing adres bevestiging betalen kosten geld reactie antwoord vraag hulp uitleg tijd week dagen lang kort goed slecht ' +
    'prima fijn rommelig druk stil parkeren').split(' ');
  const syllables = ['ver', 'ge', 'be', 'on', 'aan', 'wacht', 'loop', 'straat', 'huis', 'kaart', 'deel', 'werk', 'post', 'kant', 'stad', 'plan'];
  const rare = Array.from({ length: 3000 }, (_, i) => `${syllables[i % 16]}${syllables[Math.floor(i / 16) % 16]}${syllables[Math.floor(i / 256) % 16]}en`);
  const words = [...common, ...rare];
  return () => words[Math.min(words.length - 1, Math.floor(words.length * random() ** 3))]!;
}

export async function themeBenchmarks(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const { app, db, key } = freshApp(dir, 'themes', { TRUST_PROXY: 'true' });
  const sqlite = db.$client;
  const now = new Date();
  // 0.3 comments per answer at 1,000,000 answers gives the 300,000.
  const { journeys } = buildBenchData(db, Math.round(TARGET_COMMENTS / 0.3), now);
  const random = seededRandom(16);
  const word = vocabulary(random);
  const balie = journeys[0]!.touchpoints.find((step) => step.slug === 'balie')!.id;
  const ids = sqlite.prepare('SELECT id, touchpoint_id AS touchpointId, feeling FROM answers').all() as { id: number; touchpointId: number; feeling: number | null }[];
  const setComment = sqlite.prepare('UPDATE answers SET comment = ? WHERE id = ?');
  let comments = 0;
  sqlite.transaction(() => {
    for (const answer of ids) {
      const text = random() < 0.3 ? Array.from({ length: 6 + Math.floor(random() * 14) }, word).join(' ') : null;
      // A planted theme: the counter's negative comments often mention the queue.
      const planted = text && answer.touchpointId === balie && answer.feeling !== null && answer.feeling <= -1 && random() < 0.4 ? `${text} de wachtrij was lang` : text;
      setComment.run(planted, answer.id);
      if (planted) comments++;
    }
  })();
  let started = Date.now();
  indexPendingComments(db);
  const indexSeconds = (Date.now() - started) / 1000;
  sqlite.pragma('optimize');
  createCode(db, { name: 'Wachten', entries: ['wachten', 'wachtrij', 'lang wachten'] }, null, now);

  const filters = resolveFilters({ reis: 'paspoort-aanvragen' }, now);
  const journeyId = journeys[0]!.journey.id;
  const bare = sqlite.prepare(
    `SELECT touchpoint_id, negative, term, sum(comments) FROM theme_term_counts WHERE journey_id = ? AND day BETWEEN ? AND ? GROUP BY touchpoint_id, negative, term`,
  );
  const panel = themesPageData(db, filters, 10);
  const panelMs = await medianMs(30, () => themesPageData(db, filters, 10));
  const bareMs = await medianMs(30, () => {
    bare.all(journeyId, filters.from, filters.to);
    bare.all(journeyId, filters.previousFrom, filters.previousTo);
  });
  const countRows = (sqlite.prepare('SELECT count(*) AS n FROM theme_term_counts').get() as { n: number }).n;
  const indexRows = (sqlite.prepare('SELECT count(*) AS n FROM comment_terms').get() as { n: number }).n;

  // Adding a response with a comment over HTTP: the survey post alone, and followed by indexing its comments.
  const tokens: string[] = [];
  const submits = scaled(200, 40) * 2 + 40;
  for (let i = 0; i < submits; i++) {
    const response = await app.request('/api/v1/events', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` }, body: benchEvent(i, 'themes') });
    const { invitationId } = (await response.json()) as { invitationId: number };
    const mail = sqlite.prepare("SELECT text_body FROM outbox WHERE invitation_id = ? AND kind = 'invitation'").get(invitationId) as { text_body: string };
    tokens.push(/\/s\/([A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!);
  }
  const form = () =>
    new URLSearchParams({
      'feeling-afspraak-maken': '1', 'feeling-balie': '-2', 'feeling-ophalen': '0', grade: '6', effort: '4',
      'comment-balie': 'De wachtrij bij de balie was lang en niemand legde uit waarom het zo lang duurde.',
    });
  let next = 0;
  const submit = async () => {
    // Each citizen from an address of their own, as in the survey load benchmark (the per-address limit is not measured here).
    const i = next++;
    const response = await app.request(`/s/${tokens[i]}`, { method: 'POST', body: form(), headers: { 'X-Forwarded-For': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } });
    if (response.status !== 200) throw new Error(`survey post: ${response.status}`);
  };
  const half = (submits - 40) / 2;
  const beforeMs = await medianMs(half, submit);
  const afterMs = await medianMs(half, async () => {
    await submit();
    indexCommentBatch(db);
  });
  const memory = process.memoryUsage();
  sqlite.close();

  const scale = `${Math.round(comments / 1000)}k comments`;
  const themesShown = [...panel.themes.values()].flat().length;
  return {
    results: [
      {
        name: `themes panel: themes of every step with quotes + a codebook count, 90 days (${scale})`,
        ours: panelMs,
        baseline: bareMs,
        baselineName: 'the daily term counts of the period and the one before, as bare SQL',
        unit: 'ms',
        target: '< 100 ms',
        met: panelMs < 100,
        gap: panelMs < 100 ? undefined : 'see the notes',
        memory: `rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`,
      },
      {
        name: 'POST /s/<token> with a comment, then indexing it for the themes (vs. the post alone)',
        ours: afterMs,
        baseline: beforeMs,
        baselineName: 'the same survey post without indexing (today’s submit)',
        unit: 'ms',
        target: '≤ 1.10× baseline',
        met: afterMs <= beforeMs * 1.1,
        gap: afterMs <= beforeMs * 1.1 ? undefined : 'see the notes',
      },
    ],
    notes: [
      `Themes: ${comments.toLocaleString('en')} comments indexed in ${indexSeconds.toFixed(1)} s (once; afterwards the job indexes only new ones), ${countRows.toLocaleString('en')} daily term-count rows, ${indexRows.toLocaleString('en')} comment→term rows; ${themesShown} themes shown.`,
      'Themes: the survey post does no text work; the themes job indexes new comments every 30 s and pages bring the index up to date before they read. The second row charges one indexing round per response (the worst case), which the job spreads over many.',
    ],
  };
}

