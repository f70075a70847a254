import { describe, expect, it } from 'vitest';
import { journeys, touchpoints } from '../../src/db/schema';
import { addJourneyItem, activeJourneyItems, createCustomItem, ensureDefaultItems, removeJourneyItem } from '../../src/items/journey-items';
import { eraseSubject, findSubjectData, summarise } from '../../src/privacy/subject-requests';
import { runRetention } from '../../src/privacy/retention';
import { askPassportItems, journeyIdOf, stepIdOf } from '../helpers/items';
import { caseClosedEvent, createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { invitationMailAsSent, surveyPathOf } from '../helpers/survey-link';

const complete = {
  'feeling-afspraak-maken': '1',
  'feeling-balie': '-1',
  'feeling-ophalen': '2',
  grade: '7',
  effort: '5',
  'item-MH-BEANTWOORD': '3',
  'item-BP-BEJEGENING__balie': '8',
  'item-MH-SERIEUS': 'weet-niet',
  'item-EIGEN-UITLEG': '2',
};

const itemRows = (ctx: TestContext) =>
  ctx.db.$client.prepare('SELECT item_code AS code, touchpoint_id AS touchpointId, value FROM item_answers ORDER BY id').all();

describe('items in the survey', () => {
  it('asks the chosen items in Dutch and English, each at its step or at the end', async () => {
    const ctx = createTestContext();
    askPassportItems(ctx);
    expect((await ctx.postEvent(caseClosedEvent())).status).toBe(202);
    const dutchHtml = await (await ctx.app.request(surveyPathOf(ctx.db))).text();
    expect(dutchHtml).toContain('Is uw vraag beantwoord?');
    expect(dutchHtml).toContain('Welk cijfer geeft u voor de vriendelijkheid en hulp van de medewerker?');
    expect(dutchHtml).toContain('Hoe hoorde u van de nieuwe regels?');
    expect(dutchHtml).toContain('Weet ik niet of niet van toepassing');
    // The counter's item sits in the counter's step, before its comment; the journey's items come before the grade.
    expect(dutchHtml.indexOf('name="feeling-balie"')).toBeLessThan(dutchHtml.indexOf('name="item-BP-BEJEGENING__balie"'));
    expect(dutchHtml.indexOf('name="item-BP-BEJEGENING__balie"')).toBeLessThan(dutchHtml.indexOf('name="comment-balie"'));
    expect(dutchHtml.indexOf('name="item-MH-BEANTWOORD"')).toBeLessThan(dutchHtml.indexOf('name="grade"'));
    // Three steps and four items: about two minutes (3 × 22 s + 20 s) and 35 s more, said honestly, in the mail too.
    expect(dutchHtml).toContain('Het invullen kost ongeveer 3 minuten.');
    expect(invitationMailAsSent(ctx).text).toContain('Het gaat om 3 stappen en een paar korte vragen. Het kost ongeveer 3 minuten.');

    expect((await ctx.postEvent(caseClosedEvent({ citizen: { email: 'en@example.nl', language: 'en' } }))).status).toBe(202);
    const englishHtml = await (await ctx.app.request(surveyPathOf(ctx.db))).text();
    expect(englishHtml).toContain('Was your question answered?');
    expect(englishHtml).toContain('How did you hear about the new rules?');
    // The option without an English text is shown in Dutch, marked as Dutch.
    expect(englishHtml).toMatch(/<label[^>]*lang="nl"[^>]*>Via een brief<\/label>/);
  });

  it('re-renders missing and bad item answers with the values and an error each, storing nothing', async () => {
    const ctx = createTestContext();
    askPassportItems(ctx);
    await ctx.postEvent(caseClosedEvent());
    const path = surveyPathOf(ctx.db);
    const { 'item-MH-BEANTWOORD': _answered, ...missing } = complete;
    const response = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...missing, 'item-BP-BEJEGENING__balie': '11', 'item-EIGEN-UITLEG': '3' }) });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#item-MH-BEANTWOORD-3"');
    expect(html).toContain('Stap 2: Kies een antwoord.');
    expect(html).toContain('href="#item-EIGEN-UITLEG-1"');
    expect(html).toMatch(/id="item-MH-SERIEUS-weet-niet"[^>]*checked/);
    expect(html).toMatch(/id="feeling-balie--1"[^>]*checked/);
    expect(itemRows(ctx)).toEqual([]);
  });

  it('stores every answer with its code and step; "weet ik niet" as empty', async () => {
    const ctx = createTestContext();
    const journeyId = askPassportItems(ctx);
    await ctx.postEvent(caseClosedEvent());
    const response = await ctx.app.request(surveyPathOf(ctx.db), { method: 'POST', body: new URLSearchParams(complete) });
    expect(response.status).toBe(200);
    expect(itemRows(ctx)).toEqual([
      { code: 'MH-BEANTWOORD', touchpointId: null, value: 3 },
      { code: 'BP-BEJEGENING', touchpointId: stepIdOf(ctx, journeyId, 'balie'), value: 8 },
      { code: 'MH-SERIEUS', touchpointId: null, value: null },
      { code: 'EIGEN-UITLEG', touchpointId: null, value: 2 },
    ]);
  });

  it('does not ask an item at a step the citizen did not go through', async () => {
    const ctx = createTestContext();
    askPassportItems(ctx);
    await ctx.postEvent(caseClosedEvent({ touchpoints: ['ophalen'] }));
    const html = await (await ctx.app.request(surveyPathOf(ctx.db))).text();
    expect(html).not.toContain('item-BP-BEJEGENING');
    expect(html).toContain('name="item-MH-BEANTWOORD"');
    expect(html).toContain('Het invullen kost ongeveer 2 minuten.');
    expect(invitationMailAsSent(ctx).text).toContain('Het gaat om 1 stap en een paar korte vragen. Het kost ongeveer 2 minuten.');
  });

  it('keeps the items an open invitation was sent with when the journey changes', async () => {
    const ctx = createTestContext();
    const journeyId = askPassportItems(ctx);
    await ctx.postEvent(caseClosedEvent());
    const path = surveyPathOf(ctx.db);
    ctx.db.transaction((tx) => {
      for (const item of activeJourneyItems(tx, journeyId)) removeJourneyItem(tx, journeyId, item.id, ctx.clock.now());
      addJourneyItem(tx, journeyId, 'MH-VERTROUWEN', null, ctx.clock.now());
    });
    const html = await (await ctx.app.request(path)).text();
    expect(html).toContain('name="item-MH-BEANTWOORD"');
    expect(html).not.toContain('MH-VERTROUWEN');
    expect((await ctx.app.request(path, { method: 'POST', body: new URLSearchParams(complete) })).status).toBe(200);
    expect(itemRows(ctx)).toHaveLength(4);
    // A new invitation asks the journey as it is now.
    await ctx.postEvent(caseClosedEvent());
    const now = await (await ctx.app.request(surveyPathOf(ctx.db))).text();
    expect(now).toContain('Ik heb vertrouwen in');
    expect(now).not.toContain('item-MH-BEANTWOORD');
  });

  it('offers the call-back question after "nee" or "deels" on "Is uw vraag beantwoord?", not after "ja"', async () => {
    const ctx = createTestContext();
    askPassportItems(ctx);
    const happy = { ...complete, 'feeling-balie': '1', grade: '9' };
    for (const [answer, offered] of [['1', true], ['2', true], ['3', false]] as const) {
      await ctx.postEvent(caseClosedEvent());
      const response = await ctx.app.request(surveyPathOf(ctx.db), { method: 'POST', body: new URLSearchParams({ ...happy, 'item-MH-BEANTWOORD': answer }) });
      const html = await response.text();
      expect(html.includes('name="callback-method"'), `answer ${answer}`).toBe(offered);
      if (offered) expect(html).toContain('U gaf aan dat uw vraag niet (helemaal) is beantwoord.');
    }
  });
});

describe('journey items', () => {
  it('refuses unknown codes, the wrong level, another journey\'s step and asking twice', () => {
    const ctx = createTestContext();
    const journeyId = journeyIdOf(ctx, 'paspoort-aanvragen');
    const other = journeyIdOf(ctx, 'verhuizing-doorgeven');
    const now = ctx.clock.now();
    ctx.db.transaction((tx) => {
      expect(addJourneyItem(tx, journeyId, 'XX-ONBEKEND', null, now)).toEqual({ ok: false, error: 'unknown-item' });
      expect(addJourneyItem(tx, journeyId, 'MH-VERTROUWEN', stepIdOf(ctx, journeyId, 'balie'), now)).toEqual({ ok: false, error: 'wrong-level' });
      expect(addJourneyItem(tx, journeyId, 'BP-BEJEGENING', stepIdOf(ctx, other, 'adresonderzoek'), now)).toEqual({ ok: false, error: 'unknown-touchpoint' });
      expect(addJourneyItem(tx, journeyId, 'MH-SERIEUS', null, now).ok).toBe(true);
      expect(addJourneyItem(tx, journeyId, 'MH-SERIEUS', null, now)).toEqual({ ok: false, error: 'already-asked' });
      // The same item at a step is another question.
      expect(addJourneyItem(tx, journeyId, 'MH-SERIEUS', stepIdOf(ctx, journeyId, 'balie'), now).ok).toBe(true);
      expect(createCustomItem(tx, journeyId, { code: 'EIGEN-X', scale: 'eens-1-5', texts: { nl: 'Vraag' }, options: [] }, now).ok).toBe(true);
      expect(createCustomItem(tx, other, { code: 'EIGEN-X', scale: 'eens-1-5', texts: { nl: 'Andere vraag' }, options: [] }, now)).toEqual({ ok: false, error: 'code-taken' });
      // One journey's own question is not another's.
      expect(addJourneyItem(tx, other, 'EIGEN-X', null, now)).toEqual({ ok: false, error: 'unknown-item' });
    });
  });

  it('turns "Is uw vraag beantwoord?" on once for a contact journey, and leaves a removal alone', () => {
    const ctx = createTestContext();
    const now = ctx.clock.now();
    const contact = ctx.db.insert(journeys).values({ slug: 'vraag-stellen', name: 'Een vraag stellen', type: 'transactioneel', createdAt: now }).returning().get().id;
    ctx.db.transaction((tx) => {
      expect(ensureDefaultItems(tx, contact, now)).toBe(false);
      tx.insert(touchpoints).values({ journeyId: contact, slug: 'bellen', name: 'Bellen', channel: 'telefoon', position: 0 }).run();
      expect(ensureDefaultItems(tx, contact, now)).toBe(true);
      expect(activeJourneyItems(tx, contact).map((item) => [item.itemCode, item.touchpointId])).toEqual([['MH-BEANTWOORD', null]]);
      removeJourneyItem(tx, contact, activeJourneyItems(tx, contact)[0]!.id, now);
      expect(ensureDefaultItems(tx, contact, now)).toBe(false);
      // Paspoort starts on the web: not a contact journey.
      expect(ensureDefaultItems(tx, journeyIdOf(ctx, 'paspoort-aanvragen'), now)).toBe(false);
    });
  });
});

describe('item answers and the citizen\'s rights', () => {
  it('are in the citizen\'s own export, and go with the response on erasure and at the end of retention', async () => {
    const ctx = createTestContext();
    askPassportItems(ctx);
    const deps = { addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, clock: ctx.clock };
    for (const email of ['jan@example.nl', 'piet@example.nl']) {
      await ctx.postEvent(caseClosedEvent({ citizen: { email } }));
      expect((await ctx.app.request(surveyPathOf(ctx.db), { method: 'POST', body: new URLSearchParams(complete) })).status).toBe(200);
    }
    const data = findSubjectData(ctx.db, deps, 'jan@example.nl');
    expect(data.responses[0]!.items).toEqual([
      { code: 'MH-BEANTWOORD', touchpoint: null, value: 3 },
      { code: 'BP-BEJEGENING', touchpoint: 'Aanvraag aan de balie', value: 8 },
      { code: 'MH-SERIEUS', touchpoint: null, value: null },
      { code: 'EIGEN-UITLEG', touchpoint: null, value: 2 },
    ]);
    expect(summarise(data).answers).toBe(3 + 4);
    expect(eraseSubject(ctx.db, deps, 'jan@example.nl', { optOut: false }).answersDeleted).toBe(3 + 4);
    expect(itemRows(ctx)).toHaveLength(4);
    ctx.clock.advanceDays(31 * ctx.config.RETENTION_RESPONSES_MONTHS);
    await runRetention(ctx.db, ctx);
    expect(itemRows(ctx)).toEqual([]);
  });
});
