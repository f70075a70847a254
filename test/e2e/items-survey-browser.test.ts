/**
 * A survey with every kind of item (ja/deels/nee, 1–5 with "weet ik niet", 1–10 at a step, an own
 * single-choice question) in a real browser: WCAG 2.1 A/AA with axe at 390 and 1280 px, no
 * sideways scrolling, English as well as Dutch, and answered with the keyboard only.
 */
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { journeys, touchpoints } from '../../src/db/schema';
import { addJourneyItem, createCustomItem } from '../../src/items/journey-items';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { sentInvitationMail } from '../helpers/survey-link';
import { caseClosedEvent } from '../helpers/test-context';

const e2e = useBrowserAndServer();

beforeAll(() => {
  const { db, clock } = e2e.server;
  const journeyId = db.select().from(journeys).where(eq(journeys.slug, 'paspoort-aanvragen')).get()!.id;
  const balie = db
    .select()
    .from(touchpoints)
    .where(eq(touchpoints.journeyId, journeyId))
    .all()
    .find((step) => step.slug === 'balie')!.id;
  db.transaction((tx) => {
    const now = clock.now();
    addJourneyItem(tx, journeyId, 'BP-BEJEGENING', balie, now);
    addJourneyItem(tx, journeyId, 'MH-BEANTWOORD', null, now);
    addJourneyItem(tx, journeyId, 'MH-SERIEUS', null, now);
    createCustomItem(tx, journeyId, { code: 'EIGEN-KANAAL', scale: 'keuze', texts: { nl: 'Hoe maakte u de afspraak?', en: 'How did you make the appointment?' }, options: [{ nl: 'Op de website', en: 'On the website' }, { nl: 'Aan de telefoon', en: 'By phone' }, { nl: 'Aan de balie', en: 'At the desk' }] }, now);
  });
});

async function surveyUrl(language = 'nl'): Promise<string> {
  const event = caseClosedEvent({ citizen: { email: `${language}-${Date.now()}@example.nl`, language } });
  expect((await e2e.server.postEvent(event)).status).toBe(202);
  const { body } = await sentInvitationMail(e2e.server.db, event.id);
  return /https?:\/\/\S+\/s\/[A-Za-z0-9_-]+/.exec(body)![0];
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('a survey with every kind of item', () => {
  it('passes axe and does not scroll sideways at 390 and 1280 px, in Dutch and in English, and with its errors shown', async () => {
    for (const language of ['nl', 'en']) {
      const url = await surveyUrl(language);
      for (const width of [390, 1280]) {
        const page = await e2e.newPage({ viewport: { width, height: 900 } });
        expect((await page.goto(url))?.status()).toBe(200);
        expect(await page.getByRole('group', { name: language === 'nl' ? 'Is uw vraag beantwoord?' : 'Was your question answered?' }).isVisible()).toBe(true);
        await expectNoAxeViolations(page, `survey with items (${language}, ${width}px)`);
        expect(await overflow(page), `overflow at ${width}px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `/tmp/shots/items-survey-${language}-${width}.png`, fullPage: true });
        if (language === 'nl') {
          await page.getByRole('button', { name: 'Versturen' }).click();
          await page.waitForLoadState('load');
          expect(await page.getByText('Stap 2: Kies een antwoord.').first().isVisible()).toBe(true);
          await expectNoAxeViolations(page, `survey with item errors (${width}px)`);
          expect(await overflow(page)).toBeLessThanOrEqual(0);
        }
      }
    }
  });

  it('is answered with the keyboard only, and every item is stored with its code', async () => {
    const url = await surveyUrl();
    const page = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(url);
    const kb = page.keyboard;
    // Tab through the page: in every radio group an arrow key chooses — up from the first option
    // wraps to the last (n.v.t., 10, 7), down on an item takes its second option; the text fields
    // and the consent block are passed by.
    const chosen: Record<string, string> = {};
    for (let stop = 0; stop < 200; stop++) {
      await kb.press('Tab');
      const at = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return { tag: el?.tagName.toLowerCase(), type: el?.type, name: el?.name ?? '', text: el?.textContent?.trim() ?? '' };
      });
      if (at.tag === 'button' && at.text === 'Versturen') break;
      if (at.type !== 'radio') continue;
      if (at.name.startsWith('item-')) await kb.press('ArrowDown');
      else await kb.press('ArrowUp');
      chosen[at.name] = await page.evaluate((name) => (document.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement).value, at.name);
    }
    expect(Object.keys(chosen)).toEqual(
      expect.arrayContaining(['feeling-balie', 'item-BP-BEJEGENING__balie', 'item-MH-BEANTWOORD', 'item-MH-SERIEUS', 'item-EIGEN-KANAAL', 'grade', 'effort']),
    );
    // The second option of each item: "deels", 2, "mee oneens", the second choice.
    expect(chosen).toMatchObject({ 'feeling-balie': 'nvt', grade: '10', effort: '7', 'item-MH-BEANTWOORD': '2', 'item-BP-BEJEGENING__balie': '2', 'item-MH-SERIEUS': '2', 'item-EIGEN-KANAAL': '2' });
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), kb.press('Enter')]);
    expect(response.status()).toBe(200);
    await page.waitForLoadState('load');
    // "Deels" on "Is uw vraag beantwoord?" offers the call-back question.
    await expect.poll(() => page.getByText('U gaf aan dat uw vraag niet (helemaal) is beantwoord.').isVisible()).toBe(true);
    const token = url.slice(url.lastIndexOf('/s/') + 3);
    const stored = e2e.server.db.$client
      .prepare(
        `SELECT a.item_code AS code, t.slug AS step, a.value FROM item_answers a LEFT JOIN touchpoints t ON t.id = a.touchpoint_id
         WHERE a.response_id = (SELECT r.id FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE i.token_hash = ?) ORDER BY a.id`,
      )
      .all((await import('../../src/tokens')).hashToken(token));
    expect(stored).toEqual([
      { code: 'BP-BEJEGENING', step: 'balie', value: 2 },
      { code: 'MH-BEANTWOORD', step: null, value: 2 },
      { code: 'MH-SERIEUS', step: null, value: 2 },
      { code: 'EIGEN-KANAAL', step: null, value: 2 },
    ]);
  });
});
