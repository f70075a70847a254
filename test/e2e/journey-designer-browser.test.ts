/**
 * The journey designer in a real browser (Debian's Chromium through playwright-core), used as a
 * new admin would: from the admin menu to the list, a refused and then a good new journey,
 * touchpoints added, moved with the no-JS buttons, edited and archived, the JSON export
 * downloaded, a broken import refused, and the survey preview in Dutch and English. axe (WCAG 2.1
 * A/AA) on every page and state, and no Content-Security-Policy violation anywhere.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { exportJourney, findJourneyBySlug } from '../../src/journeys/journeys';
import { nl } from '../../src/texts';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { expectNoCspViolations, navigating, pathOf, submitting, type WatchedPage } from '../helpers/watched-page';

const e2e = useBrowserAndServer({ staff: 'admin' });
const t = nl.journeyDesigner;

const heading = (page: Page) => page.locator('h1').first().textContent();
/** The touchpoint names in the order of the designer's table. */
const touchpointOrder = (page: Page) =>
  page.locator('section[aria-labelledby="contactmomenten"] tbody th[scope="row"]').evaluateAll((cells) => cells.map((cell) => cell.childNodes[0]!.textContent!.trim()));

async function addTouchpoint(page: Page, fields: { name: string; channel: string; norm?: string; notAsked?: boolean; questionEn?: string }) {
  const f = t.touchpointFields;
  await page.getByLabel(f.name, { exact: true }).fill(fields.name);
  await page.getByLabel(f.channel, { exact: true }).selectOption({ label: fields.channel });
  if (fields.norm) await page.getByLabel(f.serviceNorm, { exact: true }).fill(fields.norm);
  if (fields.notAsked) await page.getByLabel(f.askedByDefault, { exact: true }).uncheck();
  // The row to add a language offers English on a new touchpoint.
  if (fields.questionEn) await page.getByLabel(f.newLanguageQuestion, { exact: true }).fill(fields.questionEn);
  expect(await submitting(page, () => page.getByRole('button', { name: t.add, exact: true }).click())).toBe(303);
  expect(await page.getByText(t.notices['touchpoint-added']).isVisible()).toBe(true);
}

describe('the journey designer in the browser', () => {
  it('designs a journey from scratch without JavaScript forms breaking; axe and CSP clean on every page', { timeout: 180_000 }, async () => {
    const watched: WatchedPage = await e2e.signedInPage();
    const { page } = watched;

    // From the admin menu to the list.
    expect(await navigating(page, () => page.getByRole('navigation', { name: nl.admin.title }).getByRole('link', { name: t.title, exact: true }).click())).toBe(200);
    expect(pathOf(page)).toBe('/admin/reizen');
    expect(await page.locator('tr[data-journey]').count()).toBe(3);
    await expectNoAxeViolations(page, 'journey list');

    // A new journey: first without a name and with a case type another journey has.
    expect(await navigating(page, () => page.getByRole('link', { name: t.newJourney, exact: true }).click())).toBe(200);
    await expectNoAxeViolations(page, 'new journey form');
    const f = t.fields;
    await page.getByLabel(f.type, { exact: true }).selectOption({ label: t.types['ervaring']! });
    await page.getByLabel(f.lifeEvent, { exact: true }).fill('Kind krijgen');
    await page.getByLabel(f.caseTypes, { exact: true }).fill('geboorteaangifte\nparkeervergunning\nadreswijziging');
    expect(await submitting(page, () => page.getByRole('button', { name: t.create, exact: true }).click())).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    expect(await page.locator('#foutoverzicht').getByRole('link', { name: t.errors.nameRequired }).isVisible()).toBe(true);
    expect(await page.locator('#foutoverzicht').getByRole('link', { name: t.errors.caseTypeTaken('adreswijziging', 'Verhuizing doorgeven') }).isVisible()).toBe(true);
    expect(await page.getByLabel(f.lifeEvent, { exact: true }).inputValue()).toBe('Kind krijgen');
    await expectNoAxeViolations(page, 'new journey form with errors');

    await page.getByLabel(f.name, { exact: true }).fill('Geboorte aangeven');
    await page.getByLabel(f.caseTypes, { exact: true }).fill('geboorteaangifte');
    expect(await submitting(page, () => page.getByRole('button', { name: t.create, exact: true }).click())).toBe(303);
    expect(await heading(page)).toBe('Geboorte aangeven');
    expect(await page.getByText(t.notices.created).isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'new journey without touchpoints');

    // Touchpoints: added, one with an unknown channel refused first (a crafted option), moved, edited, archived.
    await page.getByLabel(t.touchpointFields.name, { exact: true }).fill('Aangifte doen');
    await page.locator('#channel').evaluate((select) => {
      const option = document.createElement('option');
      option.value = 'fax';
      option.textContent = 'Fax';
      select.appendChild(option);
      (select as HTMLSelectElement).value = 'fax';
    });
    expect(await submitting(page, () => page.getByRole('button', { name: t.add, exact: true }).click())).toBe(422);
    expect(await page.locator('#foutoverzicht').getByRole('link', { name: t.errors.channel }).isVisible()).toBe(true);
    expect(await page.getByLabel(t.touchpointFields.name, { exact: true }).inputValue()).toBe('Aangifte doen');
    await expectNoAxeViolations(page, 'add touchpoint with an error');

    await addTouchpoint(page, { name: 'Aangifte doen', channel: t.channels['balie']!, norm: 'Binnen 3 dagen na de geboorte' });
    await addTouchpoint(page, { name: 'Afspraak maken', channel: t.channels['web']!, questionEn: 'How did making the appointment feel?' });
    await addTouchpoint(page, { name: 'Akte ontvangen', channel: t.channels['post']! });
    await addTouchpoint(page, { name: 'Vragen stellen', channel: t.channels['telefoon']!, notAsked: true });
    expect(await touchpointOrder(page)).toEqual(['Aangifte doen', 'Afspraak maken', 'Akte ontvangen', 'Vragen stellen']);

    expect(await submitting(page, () => page.getByRole('button', { name: `${t.moveUp}${t.forTouchpoint('Afspraak maken')}` }).click())).toBe(303);
    expect(await page.getByText(t.notices.moved).isVisible()).toBe(true);
    expect(await touchpointOrder(page)).toEqual(['Afspraak maken', 'Aangifte doen', 'Akte ontvangen', 'Vragen stellen']);

    expect(await navigating(page, () => page.getByRole('link', { name: `${t.edit}${t.forTouchpoint('Akte ontvangen')}` }).click())).toBe(200);
    expect(await heading(page)).toBe(t.editTouchpointTitle('Akte ontvangen'));
    await expectNoAxeViolations(page, 'touchpoint edit page');
    await page.getByLabel(t.touchpointFields.name, { exact: true }).fill('');
    expect(await submitting(page, () => page.getByRole('button', { name: t.save, exact: true }).click())).toBe(422);
    await expectNoAxeViolations(page, 'touchpoint edit page with an error');
    await page.getByLabel(t.touchpointFields.name, { exact: true }).fill('Geboorteakte ontvangen');
    await page.getByLabel(t.touchpointFields.momentOfTruth, { exact: true }).check();
    expect(await submitting(page, () => page.getByRole('button', { name: t.save, exact: true }).click())).toBe(303);
    expect(await page.getByText(t.notices['touchpoint-saved']).isVisible()).toBe(true);

    // A question in Arabic: added in the row for a new language, then removed with its own button.
    const tf = t.touchpointFields;
    expect(await navigating(page, () => page.getByRole('link', { name: `${t.edit}${t.forTouchpoint('Geboorteakte ontvangen')}` }).click())).toBe(200);
    await page.getByLabel(tf.languageCode, { exact: true }).fill('ar');
    await page.getByLabel(tf.newLanguageQuestion, { exact: true }).fill('كيف شعرت عند استلام الشهادة؟');
    expect(await submitting(page, () => page.getByRole('button', { name: t.save, exact: true }).click())).toBe(303);
    expect(await navigating(page, () => page.getByRole('link', { name: `${t.edit}${t.forTouchpoint('Geboorteakte ontvangen')}` }).click())).toBe(200);
    expect(await page.getByLabel(`${tf.languageQuestion('Arabisch')} (ar)`, { exact: true }).inputValue()).toBe('كيف شعرت عند استلام الشهادة؟');
    await expectNoAxeViolations(page, 'touchpoint edit page with a question in Arabic');
    expect(await submitting(page, () => page.getByRole('button', { name: `${tf.removeLanguage}${tf.removeLanguageOf('Arabisch')}` }).click())).toBe(303);
    expect(await page.getByText(t.notices['question-removed']).isVisible()).toBe(true);
    expect(await page.getByLabel(`${tf.languageQuestion('Arabisch')} (ar)`, { exact: true }).count()).toBe(0);
    expect(await navigating(page, () => page.getByRole('link', { name: t.backToJourney('Geboorte aangeven') }).click())).toBe(200);

    expect(await submitting(page, () => page.getByRole('button', { name: `${t.archive}${t.forTouchpoint('Vragen stellen')}` }).click())).toBe(303);
    expect(await touchpointOrder(page)).toEqual(['Afspraak maken', 'Aangifte doen', 'Geboorteakte ontvangen']);
    expect(await page.getByRole('button', { name: `${t.restore}${t.forTouchpoint('Vragen stellen')}` }).isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'journey with touchpoints and an archived one');

    // The slugs stayed as they were made.
    const stored = findJourneyBySlug(e2e.server.db, 'geboorte-aangeven')!;
    expect(stored.touchpoints.map((tp) => [tp.slug, tp.name, tp.momentOfTruth])).toEqual([
      ['afspraak-maken', 'Afspraak maken', false],
      ['aangifte-doen', 'Aangifte doen', false],
      ['akte-ontvangen', 'Geboorteakte ontvangen', true],
    ]);

    // The export downloads the CLI's JSON.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t.export, exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('klantreis-geboorte-aangeven.json');
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(exportJourney(e2e.server.db, 'geboorte-aangeven'));

    // The survey preview, as the citizen sees it, in Dutch and for English-speaking citizens.
    expect(await navigating(page, () => page.getByRole('link', { name: t.preview, exact: true }).click())).toBe(200);
    expect(await heading(page)).toBe(nl.survey.title('Geboorte aangeven'));
    expect(await page.locator('fieldset legend').first().textContent()).toBe(nl.survey.feelingQuestion('Afspraak maken'));
    expect(await page.getByRole('button', { name: nl.survey.submit }).isDisabled()).toBe(true);
    expect(await page.locator('input[name^="feeling-"][value="0"]').count()).toBe(3);
    await expectNoAxeViolations(page, 'survey preview (nl)');
    expect(await navigating(page, () => page.getByRole('link', { name: t.previewLanguageLink('Engels') }).click())).toBe(200);
    expect(pathOf(page)).toMatch(/\/voorbeeld\?taal=en$/);
    // The preview is the English page a citizen gets, not Dutch with English questions.
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('fieldset legend').first().textContent()).toBe('How did making the appointment feel?');
    await expectNoAxeViolations(page, 'survey preview (en)');
    expect(await navigating(page, () => page.getByRole('link', { name: t.backToJourney('Geboorte aangeven') }).click())).toBe(200);

    // A broken import is refused, every problem listed.
    await page.goto(`${e2e.server.url}/admin/reizen`);
    await page.getByLabel(t.importText, { exact: true }).fill('{"slug": "x", "name": "X", "type": "feitelijk", "touchpoints": [{"slug": "a", "name": "A", "channel": "fax"}], "extra": true}');
    expect(await submitting(page, () => page.getByRole('button', { name: t.importButton, exact: true }).click())).toBe(422);
    const problems = await page.locator('#import-fouten li').allTextContents();
    expect(problems.length).toBe(2);
    expect(problems.some((line) => line.startsWith('touchpoints.0.channel:'))).toBe(true);
    expect(await page.locator('tr[data-journey]').count()).toBe(4);
    await expectNoAxeViolations(page, 'journey list with import problems');

    expectNoCspViolations(watched, 'journey designer');
  });
});
