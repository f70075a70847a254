/**
 * Touchpoint questions per language, through the real journey designer pages (an admin over
 * HTTP, posts marked same-origin as a browser sends them), the real survey page of an invitation,
 * and the JSON import and export: adding, changing and removing a language is stored and audited;
 * a bad language code is refused in Dutch and stores nothing; a citizen gets the question in their
 * language, else the Dutch one without a lang attribute; definitions carry `questions` and still
 * read the old `questionEn`.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { exportJourney } from '../../src/journeys/journeys';
import { questionFor } from '../../src/journeys/survey-steps';
import { questionsOf } from '../../src/journeys/touchpoint-questions';
import { nl } from '../../src/texts';
import { designer, type Designer, journeyId, latestSurveyPath, touchpointForm, touchpointIds } from '../helpers/designer';
import { escapeHtml } from '../helpers/html-text';
import { caseClosedEvent } from '../helpers/test-context';

const t = nl.journeyDesigner;
const f = t.touchpointFields;
const sameOrigin = { 'Sec-Fetch-Site': 'same-origin' };

const ARABIC = 'كيف شعرت عند الشباك؟';

type Row = Record<string, unknown>;
const all = (db: Db, query: string, ...params: unknown[]) => db.$client.prepare(query).all(...params) as Row[];
const questionRows = (db: Db) => all(db, 'SELECT touchpoint_id, language, question FROM touchpoint_questions ORDER BY touchpoint_id, language');
const lastAudit = (db: Db) => {
  const row = all(db, "SELECT action, object, result, details FROM audit_log WHERE action LIKE 'touchpoint.%' ORDER BY id DESC LIMIT 1")[0]!;
  return { ...row, details: JSON.parse(String(row.details)) as Record<string, unknown> };
};

/** The legend of the survey step with this question text, with its attributes ('' or ' lang="en"'). */
function legendAttributes(html: string, question: string): string | undefined {
  const text = escapeHtml(question).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend"([^>]*)>${text}</legend>`).exec(html)?.[1];
}

/** The paspoort journey's balie touchpoint and the path of its edit page. */
function balie(d: Designer) {
  const id = journeyId(d.ctx.db, 'paspoort-aanvragen');
  const touchpoint = touchpointIds(d.ctx.db, 'paspoort-aanvragen').balie!;
  return { id, touchpoint, page: `/admin/reizen/${id}/contactmomenten/${touchpoint}` };
}

describe('questionFor', () => {
  const touchpoint = { name: 'Balie', question: 'Hoe ging het aan de balie?', questions: { en: 'How was the counter?', pt: 'Como foi o balcão?' } };

  it('gives the question in the language, any case; a regional code falls back to its language', () => {
    expect(questionFor(touchpoint, 'en')).toEqual({ text: 'How was the counter?', lang: 'en' });
    expect(questionFor(touchpoint, 'EN')).toEqual({ text: 'How was the counter?', lang: 'en' });
    expect(questionFor(touchpoint, 'pt-BR')).toEqual({ text: 'Como foi o balcão?', lang: 'pt' });
  });

  it('falls back to the Dutch question, or the standard one, without a lang', () => {
    expect(questionFor(touchpoint, 'de')).toEqual({ text: 'Hoe ging het aan de balie?' });
    expect(questionFor(touchpoint, 'nl')).toEqual({ text: 'Hoe ging het aan de balie?' });
    expect(questionFor({ ...touchpoint, question: null }, 'tr')).toEqual({ text: nl.survey.feelingQuestion('Balie') });
    expect(questionFor({ name: 'Balie', question: null, questions: { nl: 'nooit gebruikt' } }, 'nl')).toEqual({ text: nl.survey.feelingQuestion('Balie') });
  });
});

describe('questions per language in the journey designer', () => {
  it('adds, changes and removes a language over HTTP, each audited', async () => {
    const d = await designer();
    const { db } = d.ctx;
    const { id, touchpoint, page } = balie(d);

    // A touchpoint without other languages offers English in the row to add one.
    const empty = await (await d.get(page)).text();
    expect(empty).toContain(escapeHtml(f.otherLanguages));
    expect(empty).toMatch(/id="questionLanguage0" name="questionLanguage0" type="text" value="en"/);

    // Add Arabic.
    const added = await d.post(page, touchpointForm(db, touchpoint, { questionLanguage0: 'ar', questionText0: ARABIC }), sameOrigin);
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`/admin/reizen/${id}?melding=touchpoint-saved#contactmoment-${touchpoint}`);
    expect(questionRows(db)).toEqual([{ touchpoint_id: touchpoint, language: 'ar', question: ARABIC }]);
    expect(lastAudit(db)).toMatchObject({ action: 'touchpoint.updated', object: 'paspoort-aanvragen/balie', result: 'success', details: { changed: 'questions', languagesAdded: 'ar' } });

    // The page lists it under its Dutch name, with a remove button, and a row to add another.
    const withArabic = await (await d.get(page)).text();
    expect(withArabic).toContain(`${f.languageQuestion('Arabisch')} (ar)`);
    // Its text is marked as Arabic and shown right to left.
    expect(withArabic).toMatch(new RegExp(`name="questionText0" type="text" value="${ARABIC}"[^>]* lang="ar" dir="auto"`));
    expect(withArabic).toContain(`formaction="${page}/vraag-verwijderen"`);
    expect(withArabic).toMatch(/id="questionLanguage1" name="questionLanguage1" type="text" value=""/);
    expect(await (await d.get(`/admin/reizen/${id}`)).text()).toContain(t.languagesBadge(['ar']));

    // Change Arabic and add English (code typed in capitals) in one save.
    const changed = await d.post(
      page,
      touchpointForm(db, touchpoint, { questionText0: `${ARABIC}!`, questionLanguage1: 'EN', questionText1: 'How was the counter?' }),
      sameOrigin,
    );
    expect(changed.status).toBe(303);
    expect(questionsOf(db, [touchpoint]).get(touchpoint)).toEqual({ ar: `${ARABIC}!`, en: 'How was the counter?' });
    expect(lastAudit(db).details).toEqual({ changed: 'questions', languagesAdded: 'en', languagesChanged: 'ar' });

    // Remove Arabic with its button: only that language goes.
    const removed = await d.post(`${page}/vraag-verwijderen`, { ...touchpointForm(db, touchpoint), language: 'ar' }, sameOrigin);
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`${page}?melding=question-removed`);
    expect(questionsOf(db, [touchpoint]).get(touchpoint)).toEqual({ en: 'How was the counter?' });
    expect(lastAudit(db)).toMatchObject({ action: 'touchpoint.updated', details: { changed: 'questions', languagesRemoved: 'ar' } });
    expect(await (await d.get(`${page}?melding=question-removed`)).text()).toContain(escapeHtml(t.notices['question-removed']));

    // Removing a language it does not have is refused; clearing the text and saving removes it too.
    expect((await d.post(`${page}/vraag-verwijderen`, { language: 'ar' }, sameOrigin)).status).toBe(404);
    expect((await d.post(page, touchpointForm(db, touchpoint, { questionText0: '' }), sameOrigin)).status).toBe(303);
    expect(questionRows(db)).toEqual([]);
    expect(lastAudit(db).details).toEqual({ changed: 'questions', languagesRemoved: 'en' });
  });

  it('stores the language questions of a new touchpoint', async () => {
    const d = await designer();
    const id = journeyId(d.ctx.db, 'paspoort-aanvragen');
    const response = await d.post(
      `/admin/reizen/${id}/contactmomenten`,
      { touchpointName: 'Betalen', channel: 'web', askedByDefault: 'on', questionLanguage0: 'uk', questionText0: 'Як пройшла оплата?' },
      sameOrigin,
    );
    expect(response.status).toBe(303);
    const betalen = touchpointIds(d.ctx.db, 'paspoort-aanvragen').betalen!;
    expect(questionsOf(d.ctx.db, [betalen]).get(betalen)).toEqual({ uk: 'Як пройшла оплата?' });
    expect(lastAudit(d.ctx.db)).toMatchObject({ action: 'touchpoint.created', details: { languagesAdded: 'uk' } });
  });

  it('refuses a bad language code with a Dutch message, keeps what was typed and stores nothing', async () => {
    const d = await designer();
    const { db } = d.ctx;
    const { touchpoint, page } = balie(d);
    const auditBefore = all(db, 'SELECT count(*) AS n FROM audit_log')[0]!.n;
    const cases: [Record<string, string>, string, string][] = [
      [{ questionLanguage0: 'engels', questionText0: 'How was it?' }, 'questionLanguage0', t.errors.languageCode],
      [{ questionLanguage0: 'e1', questionText0: 'How was it?' }, 'questionLanguage0', t.errors.languageCode],
      [{ questionLanguage0: 'NL', questionText0: 'Hoe was het?' }, 'questionLanguage0', t.errors.languageDutch],
      [{ questionLanguage0: '', questionText0: 'How was it?' }, 'questionLanguage0', t.errors.languageMissing],
      [{ questionLanguage0: 'en', questionText0: 'x'.repeat(201) }, 'questionText0', t.errors.tooLong(200)],
      [
        { questionLanguage0: 'en', questionText0: 'How was it?', questionLanguage1: 'EN', questionText1: 'And again?', questionLanguage2: '', questionText2: '' },
        'questionLanguage1',
        t.errors.languageTwice('en'),
      ],
    ];
    for (const [fields, field, message] of cases) {
      const response = await d.post(page, touchpointForm(db, touchpoint, fields), sameOrigin);
      expect(response.status, JSON.stringify(fields)).toBe(422);
      const html = await response.text();
      expect(html).toContain(escapeHtml(message));
      expect(html).toContain(`href="#${field}"`);
      expect(html).toContain(`value="${escapeHtml(fields[field]!)}"`);
    }
    // A bad code on the remove button is refused too.
    expect((await d.post(`${page}/vraag-verwijderen`, { language: 'en gb' }, sameOrigin)).status).toBe(422);
    // A post from another site changes nothing.
    expect((await d.post(page, touchpointForm(db, touchpoint, { questionLanguage0: 'en', questionText0: 'Forged?' }), { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect(questionRows(db)).toEqual([]);
    expect(all(db, 'SELECT count(*) AS n FROM audit_log')[0]!.n).toBe(auditBefore);
  });

  it('previews the survey in every language that has questions', async () => {
    const d = await designer();
    const { db } = d.ctx;
    const { id, touchpoint, page } = balie(d);
    await d.post(page, touchpointForm(db, touchpoint, { questionLanguage0: 'ar', questionText0: ARABIC }), sameOrigin);

    const dutch = await (await d.get(`/admin/reizen/${id}/voorbeeld`)).text();
    expect(dutch).toContain(`href="/admin/reizen/${id}/voorbeeld?taal=ar"`);
    expect(dutch).toContain(t.previewLanguageLink('Arabisch'));

    const arabic = await (await d.get(`/admin/reizen/${id}/voorbeeld?taal=AR`)).text();
    // No Arabic language file is built in: the page stays Dutch, the Arabic question is marked (and its direction found by the browser).
    expect(legendAttributes(arabic, ARABIC)).toBe(' lang="ar" dir="auto"');
    expect(legendAttributes(arabic, 'Hoe voelde u zich bij het maken van de afspraak?')).toBe('');
    expect(arabic).toContain(escapeHtml(t.previewNotice(t.previewLanguage('Arabisch'))));
    // A language without questions shows the Dutch survey.
    const french = await (await d.get(`/admin/reizen/${id}/voorbeeld?taal=fr`)).text();
    expect(french).toContain(escapeHtml(t.previewNotice(t.previewDutch)));
    expect(legendAttributes(french, 'Hoe voelde u zich bij de aanvraag aan de balie?')).toBe('');
  });
});

describe('the survey of an invitation in another language', () => {
  it('shows the question in the invitation’s language, else the Dutch one; lang marks a question whose language differs from the page', async () => {
    const d = await designer();
    const { ctx } = d;
    const ids = touchpointIds(ctx.db, 'paspoort-aanvragen');
    await d.post(`/admin/reizen/${journeyId(ctx.db, 'paspoort-aanvragen')}/contactmomenten/${ids.balie}`, touchpointForm(ctx.db, ids.balie!, { questionLanguage0: 'en', questionText0: 'How was the counter?' }), sameOrigin);
    await d.post(`/admin/reizen/${journeyId(ctx.db, 'paspoort-aanvragen')}/contactmomenten/${ids.ophalen}`, touchpointForm(ctx.db, ids.ophalen!, { questionLanguage0: 'de', questionText0: 'Wie war die Abholung?' }), sameOrigin);

    const surveyFor = async (reference: string, language: string) => {
      expect((await ctx.postEvent(caseClosedEvent({ id: `evt-${reference}`, case: { reference, caseType: 'paspoort-aanvragen' }, citizen: { email: `${reference}@example.nl`, language } }))).status).toBe(202);
      const path = latestSurveyPath(ctx.db);
      return (await ctx.app.request(path)).text();
    };

    const english = await surveyFor('Z-EN', 'en');
    // English is built in: the page is English, so the English question needs no mark and the Dutch fallback gets one.
    expect(english).toContain('<html lang="en"');
    expect(legendAttributes(english, 'How was the counter?')).toBe('');
    expect(legendAttributes(english, 'Hoe voelde u zich bij het ophalen van uw document?')).toBe(' lang="nl" dir="auto"');
    expect(english).not.toContain('Wie war die Abholung?');

    const german = await surveyFor('Z-DE', 'de');
    // No German language file: a Dutch page with the German question marked.
    expect(german).toContain('<html lang="nl"');
    expect(legendAttributes(german, 'Wie war die Abholung?')).toBe(' lang="de" dir="auto"');
    expect(legendAttributes(german, 'Hoe voelde u zich bij de aanvraag aan de balie?')).toBe('');
    expect(german).not.toContain('How was the counter?');

    const dutch = await surveyFor('Z-NL', 'nl');
    expect(dutch).not.toMatch(/<legend[^>]* lang=/);
  });
});

describe('questions in journey definitions (JSON import and export)', () => {
  const definition = (touchpoints: Record<string, unknown>[]) =>
    JSON.stringify({ slug: 'afval', name: 'Grofvuil ophalen', type: 'feitelijk', caseTypes: ['grofvuil'], touchpoints });
  const importing = (d: Designer, json: string) => d.post('/admin/reizen/import', { json }, sameOrigin);

  it('reads the old questionEn as English and the questions map, lower-cased; a re-import replaces them', async () => {
    const d = await designer();
    const { db } = d.ctx;
    const response = await importing(
      d,
      definition([
        { slug: 'melden', name: 'Melden', channel: 'web', questionEn: 'How was reporting?' },
        { slug: 'ophalen', name: 'Ophalen', channel: 'huisbezoek', questions: { en: 'How was the pick-up?', AR: ARABIC, 'pt-BR': 'Como foi?' } },
      ]),
    );
    expect(response.status).toBe(200);
    const ids = touchpointIds(db, 'afval');
    expect(questionsOf(db, [ids.melden!, ids.ophalen!])).toEqual(
      new Map([
        [ids.melden!, { en: 'How was reporting?' }],
        [ids.ophalen!, { ar: ARABIC, en: 'How was the pick-up?', 'pt-br': 'Como foi?' }],
      ]),
    );
    expect(exportJourney(db, 'afval')!.touchpoints.map((touchpoint) => touchpoint.questions)).toEqual([
      { en: 'How was reporting?' },
      { ar: ARABIC, en: 'How was the pick-up?', 'pt-br': 'Como foi?' },
    ]);

    expect((await importing(d, definition([{ slug: 'melden', name: 'Melden', channel: 'web' }, { slug: 'ophalen', name: 'Ophalen', channel: 'huisbezoek', questions: { tr: 'Nasıldı?' } }]))).status).toBe(200);
    expect(questionsOf(db, [ids.melden!, ids.ophalen!])).toEqual(new Map([[ids.melden!, {}], [ids.ophalen!, { tr: 'Nasıldı?' }]]));
  });

  it('refuses bad language codes, Dutch in the map and English given twice, storing nothing', async () => {
    const d = await designer();
    const cases: [Record<string, unknown>, string][] = [
      [{ questions: { english: 'How?' } }, `touchpoints.0.questions.english: ${t.errors.languageCode}`],
      [{ questions: { nl: 'Hoe?' } }, `touchpoints.0.questions.nl: ${t.errors.languageDutch}`],
      [{ questions: { en: 'How?', EN: 'How!' } }, `touchpoints.0.questions.EN: ${t.errors.languageTwice('en')}`],
      [{ questionEn: 'How?', questions: { en: 'How!' } }, `touchpoints.0.questionEn: ${t.errors.questionEnTwice}`],
    ];
    for (const [extra, problem] of cases) {
      const response = await importing(d, definition([{ slug: 'melden', name: 'Melden', channel: 'web', ...extra }]));
      expect(response.status, problem).toBe(422);
      expect(await response.text()).toContain(escapeHtml(problem));
    }
    expect(exportJourney(d.ctx.db, 'afval')).toBeUndefined();
    expect(questionRows(d.ctx.db)).toEqual([]);
  });

  it('round-trips: the export downloaded from the page imports into a fresh database with the same questions', async () => {
    const d = await designer();
    const { touchpoint, page, id } = balie(d);
    await d.post(page, touchpointForm(d.ctx.db, touchpoint, { questionLanguage0: 'ar', questionText0: ARABIC }), sameOrigin);
    await d.post(page, touchpointForm(d.ctx.db, touchpoint, { questionLanguage1: 'en', questionText1: 'How was the counter?' }), sameOrigin);
    const exported = await (await d.get(`/admin/reizen/${id}/export.json`)).text();
    expect(JSON.parse(exported).touchpoints[1]).toMatchObject({ slug: 'balie', questions: { ar: ARABIC, en: 'How was the counter?' } });
    expect(exported).not.toContain('questionEn');

    const fresh = await designer();
    fresh.ctx.db.$client.prepare("DELETE FROM journeys WHERE slug = 'paspoort-aanvragen'").run();
    expect((await importing(fresh, exported)).status).toBe(200);
    expect(exportJourney(fresh.ctx.db, 'paspoort-aanvragen')).toEqual(exportJourney(d.ctx.db, 'paspoort-aanvragen'));
  });
});
