/**
 * Themes with 300,000 comments (issue 16): the themes panel (themes of every step with quotes and a
 * codebook count) and the overview's leading themes of every journey, against the bare reads they need
 * (the counts the finder reads), and what a response with a comment costs to add without and with its
 * indexing, the two interleaved.
 */
import { resolveFilters } from '../src/heartmonitor/filters';
import { nld } from 'stopword';
import { seededRandom } from '../src/demo/demo-history';
import { demoStory } from '../src/demo/demo-story';
import { createCode } from '../src/insight/codebook';
import { indexCommentBatch, indexPendingComments } from '../src/insight/theme-index';
import { themeParams, themesPageData } from '../src/insight/theme-page';
import { leadingThemes, periodCounts, risingThemes } from '../src/insight/theme-queries';
import type { Db } from '../src/db/client';
import { buildBenchData } from './dashboard';
import { benchEvent, freshApp, mb, medianMs, scaled, type Result } from './harness';

const TARGET_COMMENTS = scaled(300_000, 3_000);

/**
 * Comments as KCC comments read: short, a limited everyday vocabulary with a long tail. Each comment is
 * one to three clauses; a clause is one of the demo story's sentences for the step and tone
 * (src/demo/demo-story.ts, the recurring words per dip) or a run of words drawn Zipf-like (s = 1)
 * from a ranked vocabulary of 30,000: the 104 Dutch stop words at the top (about half of all tokens,
 * as in real Dutch text), then 250 everyday municipal words, then made-up compounds as the long tail
 * (rank ≤ 1,000 covers ~70% of tokens, ≤ 10,000 ~90%, as Zipf's law gives for real text). Words are
 * drawn independently, so the tail's two-word phrases are mostly unique: not flattering to the counts.
 */
const EVERYDAY =
  ('afspraak afspraken wachten wachttijd wachtrij balie loket formulier website medewerker medewerkers vriendelijk vriendelijke snel traag ' +
    'duidelijk onduidelijk brief brieven mail telefoon paspoort rijbewijs verhuizing adres bevestiging betalen kosten geld reactie antwoord ' +
    'vraag vragen hulp uitleg tijd week weken dagen dag maand lang lange kort goed slecht prima fijn rommelig druk stil parkeren digid inloggen ' +
    'online papieren documenten uploaden formulieren consulent gesprek intake plan besluit schulden beslagen aanvraag aanvragen gebeld bellen ' +
    'teruggebeld terugbellen gewacht wachtte duurde duurt geholpen helpen geholpen uitgelegd begrijpen moeilijk makkelijk handig onhandig ' +
    'pasfoto foto ophalen klaar gereed afgekeurd verteld vertellen gehoord horen ongerust boos teleurgesteld tevreden blij dankbaar ' +
    'respect luisteren luisterde serieus genomen verdacht fraude onderzoek overzicht kwijt gestopt beginnen nodig lijst twintig drie twee ' +
    'vier vijf zes kwartier uur minuten avond ochtend middag maandag vrijdag weekend vakantie reis buitenland kind kinderen moeder vader ' +
    'ouders partner werk baan uitkering toeslag huur huurtoeslag zorgtoeslag belasting gemeentehuis stadhuis stadskantoor wijk buurt ' +
    'parkeerplaats fiets bus trein auto computer laptop app sms nummer klantnummer zaaknummer dossier status gemeld melding doorgegeven ' +
    'doorgeven verhuisd nieuwe oude woning huis adreswijziging inschrijving uitschrijving basisregistratie gegevens persoonsgegevens privacy ' +
    'systeem storing fout fouten foutmelding kapot werkte werkt lukte lukt gelukt proberen geprobeerd keer keren opnieuw weer steeds ' +
    'nooit altijd vaak soms meteen direct eindelijk helaas gelukkig jammer super top slordig netjes professioneel klantvriendelijk ' +
    'bereikbaar onbereikbaar wachtmuziek keuzemenu doorverbonden doorverwezen afdeling collega loketmedewerker baliemedewerker ' +
    'openingstijden gesloten open dicht rij nummertje scherm kiosk betaalautomaat pin contant kosten duur goedkoop tarief leges').split(' ');

function zipfComments(random: () => number) {
  const syllables = ['ver', 'ge', 'be', 'on', 'aan', 'wacht', 'loop', 'straat', 'huis', 'kaart', 'deel', 'werk', 'post', 'kant', 'stad', 'plan', 'zorg', 'bouw', 'school', 'markt'];
  const base = [...new Set([...nld, ...EVERYDAY])];
  const tail = Array.from({ length: 30_000 - base.length }, (_, i) => `${syllables[i % 20]}${syllables[Math.floor(i / 20) % 20]}${syllables[Math.floor(i / 400) % 20]}${i >= 8000 ? 'ing' : 'en'}`);
  const words = [...base, ...tail];
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 1; rank <= words.length; rank++) cumulative.push((sum += 1 / rank));
  const word = () => {
    const target = random() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return words[low]!;
  };
  const story = new Map(demoStory.map((journey) => [journey.slug, journey]));
  return (journey: string, step: string, feeling: number | null): string => {
    const clauses = 1 + (random() < 0.5 ? 0 : random() < 0.7 ? 1 : 2);
    const parts: string[] = [];
    for (let i = 0; i < clauses; i++) {
      const tone = feeling ?? (random() < 0.5 ? -1 : 1);
      const sentence = random() < 0.35 ? story.get(journey)?.commentFor(random, step, tone === 0 ? (random() < 0.5 ? -1 : 1) : tone) : null;
      parts.push(sentence ?? Array.from({ length: 5 + Math.floor(random() * 10) }, word).join(' ') + '.');
    }
    return parts.join(' ');
  };
}

/** Answers through the dashboard's generator, then a realistic comment on 30% of them (300,000 at full scale), with a planted theme. */
export function buildThemeBenchData(db: Db, now: Date) {
  const sqlite = db.$client;
  // 0.3 comments per answer at 1,000,000 answers gives the 300,000.
  const { journeys } = buildBenchData(db, Math.round(TARGET_COMMENTS / 0.3), now);
  const random = seededRandom(16);
  const comment = zipfComments(random);
  const balie = journeys[0]!.touchpoints.find((step) => step.slug === 'balie')!.id;
  const slugs = new Map(journeys.flatMap(({ journey, touchpoints }) => touchpoints.map((step) => [step.id, { journey: journey.slug, step: step.slug }] as const)));
  const ids = sqlite.prepare('SELECT id, touchpoint_id AS touchpointId, feeling FROM answers').all() as { id: number; touchpointId: number; feeling: number | null }[];
  const setComment = sqlite.prepare('UPDATE answers SET comment = ? WHERE id = ?');
  let comments = 0;
  sqlite.transaction(() => {
    for (const answer of ids) {
      const where = slugs.get(answer.touchpointId)!;
      const text = random() < 0.3 ? comment(where.journey, where.step, answer.feeling) : null;
      // A planted theme: the counter's negative comments often mention the queue.
      const planted = text && answer.touchpointId === balie && answer.feeling !== null && answer.feeling <= -1 && random() < 0.4 ? `${text} de wachtrij was lang` : text;
      setComment.run(planted, answer.id);
      if (planted) comments++;
    }
  })();
  return { journeys, comments };
}

export async function themeBenchmarks(dir: string): Promise<{ results: Result[]; notes: string[] }> {
  const { app, db, key } = freshApp(dir, 'themes', { TRUST_PROXY: 'true' });
  const sqlite = db.$client;
  const now = new Date();
  const { journeys, comments } = buildThemeBenchData(db, now);
  let started = Date.now();
  indexPendingComments(db);
  const indexSeconds = (Date.now() - started) / 1000;
  sqlite.pragma('optimize');
  createCode(db, { name: 'Wachten', entries: ['wachten', 'wachtrij', 'lang wachten'] }, null, now);

  const filters = resolveFilters({ reis: 'paspoort-aanvragen' }, now);
  const journeyId = journeys[0]!.journey.id;
  const panel = themesPageData(db, filters, 10);
  // The bare reads the finder needs: the period's counts (totals, the terms frequent enough at a step,
  // the journey's counts of those) and the previous period's counts of the themes found.
  const bareReads = (id: number, found: Map<number, { term: string }[]>) => {
    const scope = { journeyId: id, from: filters.from, to: filters.to };
    periodCounts(db, scope, { minGroupSize: 10 });
    const only = [...found].flatMap(([touchpointId, themes]) => themes.map((theme) => ({ touchpointId, term: theme.term })));
    periodCounts(db, { ...scope, from: filters.previousFrom, to: filters.previousTo }, { only });
  };
  const panelMs = await medianMs(30, () => themesPageData(db, filters, 10));
  const bareMs = await medianMs(30, () => bareReads(journeyId, panel.themes));

  // The overview asks every journey for its leading themes.
  const overviewParams = journeys.map(({ journey }) => themeParams(journey.id, filters, 10));
  const overviewFound = overviewParams.map((params) => leadingThemes(db, params));
  const overviewMs = await medianMs(30, () => overviewParams.forEach((params) => leadingThemes(db, params)));
  const overviewBareMs = await medianMs(30, () => overviewParams.forEach((params, i) => bareReads(params.journeyId, overviewFound[i]!)));
  const risingMs = await medianMs(10, () => overviewParams.forEach((params) => risingThemes(db, params)));

  const countOf = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const negativeDayRows = countOf('theme_negative_term_days');
  const journeyDayRows = countOf('theme_journey_term_days');
  const indexRows = countOf('comment_terms');

  // Adding a response with a comment over HTTP: the survey post alone (today's submit: it does no text
  // work) against the post followed by indexing its comment, interleaved round by round in a seeded
  // random order so neither variant gets the warmer cache or the emptier WAL; medians of each.
  const tokens: string[] = [];
  const rounds = scaled(300, 60);
  const warmUp = 20;
  for (let i = 0; i < 2 * (rounds + warmUp); i++) {
    const response = await app.request('/api/v1/events', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` }, body: benchEvent(i, 'themes') });
    const { invitationId } = (await response.json()) as { invitationId: number };
    tokens.push(sqlite.prepare("SELECT link_token FROM outbox WHERE invitation_id = ? AND kind = 'invitation'").pluck().get(invitationId) as string);
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
  const timed = async (run: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const order = seededRandom(99);
  const postOnly: number[] = [];
  const postAndIndex: number[] = [];
  for (let round = 0; round < rounds + warmUp; round++) {
    const variants = [
      async () => {
        const ms = await timed(submit);
        // Its comment is indexed outside the timing, so the other variant never indexes two.
        indexCommentBatch(db);
        return { list: postOnly, ms };
      },
      async () => ({ list: postAndIndex, ms: await timed(async () => (await submit(), indexCommentBatch(db))) }),
    ];
    if (order() < 0.5) variants.reverse();
    for (const variant of variants) {
      const { list, ms } = await variant();
      if (round >= warmUp) list.push(ms);
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const beforeMs = median(postOnly);
  const afterMs = median(postAndIndex);
  const memory = process.memoryUsage();
  sqlite.close();

  const scale = `${Math.round(comments / 1000)}k comments`;
  const themesShown = [...panel.themes.values()].flat().length;
  const bareName = 'the counts the finder reads (periodCounts: totals, frequent terms, their journey counts; the previous period’s), no scoring, labels or quotes';
  return {
    results: [
      {
        name: `themes panel: themes of every step with quotes + a codebook count, 90 days (${scale})`,
        ours: panelMs,
        baseline: bareMs,
        baselineName: bareName,
        unit: 'ms',
        target: '< 100 ms',
        met: panelMs < 100,
        gap: panelMs < 100 ? undefined : 'see the notes',
        memory: `rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`,
      },
      {
        name: `leadingThemes for all ${journeys.length} journeys (the overview’s themes), 90 days (${scale})`,
        ours: overviewMs,
        baseline: overviewBareMs,
        baselineName: bareName,
        unit: 'ms',
        target: 'part of the overview’s < 100 ms',
      },
      {
        name: 'POST /s/<token> with a comment, then indexing it for the themes (vs. the post alone), interleaved',
        ours: afterMs,
        baseline: beforeMs,
        baselineName: 'the same survey post without indexing (today’s submit), alternating with ours in random order',
        unit: 'ms',
        target: '≤ 1.10× baseline',
        met: afterMs <= beforeMs * 1.1,
        gap: afterMs <= beforeMs * 1.1 ? undefined : 'see the notes',
      },
    ],
    notes: [
      `Themes: ${comments.toLocaleString('en')} comments (Zipf-like Dutch vocabulary of 30,000 words with the demo story's sentences) indexed in ${indexSeconds.toFixed(1)} s (once; afterwards the job indexes only new ones): ${negativeDayRows.toLocaleString('en')} day rows per step's negative comments and term, ${journeyDayRows.toLocaleString('en')} per journey and term, ${indexRows.toLocaleString('en')} comment→term rows; ${themesShown} themes shown on the panel.`,
      `Themes: risingThemes for all journeys (the digest) ${risingMs.toFixed(1)} ms.`,
      `Themes: ${rounds} interleaved rounds of the survey post with a comment, alone and followed by indexing it; the survey post itself does no text work (the themes job indexes new comments every 30 s and pages bring the index up to date before they read), so the second figure charges one indexing round per response, the worst case.`,
    ],
  };
}
