/**
 * Improvement actions in a real browser (Debian's Chromium through playwright-core) against the
 * real server: the whole story a manager lives through — a dip on the heart monitor, an action
 * added on that step from the dip, marked done later (the server's clock moved on), the effect
 * measured on the answers that came in since, published — and a citizen who reaches it on
 * /verbeteringen from the thank-you page after a survey. axe (WCAG 2.1 A/AA) on every page of
 * it, in normal and error states; no Content-Security-Policy violation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findAction } from '../../src/actions/action-queries';
import { dayOf } from '../../src/calendar';
import { loadConfig, type Config } from '../../src/config';
import { nl } from '../../src/texts';
import { formatDay } from '../../views/actions/format';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { startServer } from '../helpers/http-server';
import { addKnownAnswers } from '../helpers/known-answers';
import { caseClosedEvent } from '../helpers/test-context';
import { expectNoCspViolations, navigating, pathOf, submitting } from '../helpers/watched-page';
import { sentInvitationMail } from '../helpers/survey-link';

const e2e = useBrowserAndServer({ staff: 'manager' });
let config: Config;
const t = nl.actions;
const SUMMARY = 'U kunt nu ook op dinsdagavond en zaterdagochtend een afspraak maken. Daardoor hoeft u minder lang te wachten.';

/** An instant on a calendar day, 10:00 UTC plus some minutes (the same day in Amsterdam). */
const on = (day: string, minute = 0) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), 10, minute));
const addDays = (day: string, days: number) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + days)).toISOString().slice(0, 10);

beforeAll(async () => {
  config = loadConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL: e2e.server.url });
  const target = { db: e2e.server.db, config, addressHashKey: 'test-address-hash-key-with-enough-length' };
  // The last three weeks (today is 20 November 2026): making an appointment feels bad — a dip.
  // Balie and ophalen go fine.
  addKnownAnswers(target, 24, (i) => ({
    at: on(addDays('2026-10-30', i % 20), i),
    feelings: { 'afspraak-maken': i % 3 === 0 ? -1 : -2, balie: 1, ophalen: i % 2 ? 1 : 2 },
    comments: i === 0 ? { 'afspraak-maken': 'Pas over zes weken een afspraak, dat is veel te laat.' } : undefined,
  }));
}, 120_000);

describe('improvement actions in the browser', () => {
  it(
    'the whole story: a dip → an action on that step → done later → its effect → published → read by a citizen from the thank-you page',
    { timeout: 240_000 },
    async () => {
      const watched = await e2e.signedInPage();
      const { page } = watched;

      // ── The dip on the heart monitor, with the way to add an action right there ─────────
      const dip = page.locator('li.mh-dip[data-touchpoint="afspraak-maken"]');
      expect(await dip.count()).toBe(1);
      expect(await dip.textContent()).toContain('Pas over zes weken een afspraak');
      const add = dip.getByRole('link', { name: `${t.dashboard.add} bij Afspraak maken`, exact: true });
      expect(await navigating(page, () => add.click())).toBe(200);
      expect(pathOf(page)).toBe('/dashboard/verbeteracties/nieuw?journey=paspoort-aanvragen&touchpoint=afspraak-maken');
      expect(await page.locator('h1').textContent()).toBe(t.newTitle);
      expect(await page.getByLabel(t.fields.touchpoint, { exact: true }).locator('option:checked').textContent()).toBe('Afspraak maken');
      expect(await page.getByLabel(t.fields.doneOn, { exact: true }).inputValue()).toBe('2026-11-20');
      await expectNoAxeViolations(page, 'new action (prefilled)');

      // ── A mistake first: no title, and "klaar" without a day ───────────────────────────
      await page.getByLabel(t.fields.owner, { exact: true }).fill('Team Publiekszaken');
      await page.getByLabel(t.fields.status, { exact: true }).selectOption('klaar');
      await page.getByLabel(t.fields.doneOn, { exact: true }).fill('');
      expect(await submitting(page, () => page.getByRole('button', { name: t.create, exact: true }).click())).toBe(422);
      expect(await page.title()).toMatch(/^Fout: /);
      expect(await page.locator('#title-fout').textContent()).toContain(t.errors.title);
      expect(await page.locator('#doneOn-fout').textContent()).toContain(t.errors.doneOn);
      expect(await page.getByLabel(t.fields.owner, { exact: true }).inputValue()).toBe('Team Publiekszaken');
      expect(await page.getByLabel(t.fields.title, { exact: true }).getAttribute('aria-invalid')).toBe('true');
      // The summary's link leads to the field.
      await page.locator('#foutoverzicht a[href="#title"]').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('title');
      await expectNoAxeViolations(page, 'new action with errors');
      expect(e2e.server.db.$client.prepare('SELECT count(*) AS n FROM improvement_actions').get()).toEqual({ n: 0 });

      // ── The action as planned ──────────────────────────────────────────────────────────
      await page.getByLabel(t.fields.title, { exact: true }).fill('Avond- en zaterdagopenstelling voor afspraken');
      await page.getByLabel(t.fields.description, { exact: true }).fill('Intern: twee extra medewerkers, overleg met de OR.');
      await page.getByLabel(t.fields.dueOn, { exact: true }).fill('2026-12-15');
      await page.getByLabel(t.fields.status, { exact: true }).selectOption('bezig');
      expect(await submitting(page, () => page.getByRole('button', { name: t.create, exact: true }).click())).toBe(303);
      const id = Number(/^\/dashboard\/verbeteracties\/(\d+)\?opgeslagen=nieuw$/.exec(pathOf(page))![1]);
      expect(await page.locator('h1').textContent()).toBe('Avond- en zaterdagopenstelling voor afspraken');
      expect(await page.getByRole('status').first().textContent()).toContain(t.created);
      expect(await page.locator('[data-effect]').getAttribute('data-effect')).toBe('not-done');
      await expectNoAxeViolations(page, 'action page (planned)');

      // Back on the heart monitor the action is at its step.
      await page.goto(`${e2e.server.url}/dashboard`);
      expect((await page.locator('#acties-afspraak-maken').textContent())!.replace(/\s+/g, ' ')).toContain('Avond- en zaterdagopenstelling voor afspraken — Bezig');

      // ── A week later it is done (the done day defaults to that day) ────────────────────
      e2e.server.clock.advanceDays(7);
      await e2e.signIn(page);
      await page.goto(`${e2e.server.url}/dashboard/verbeteracties/${id}`);
      expect(await page.getByLabel(t.fields.doneOn, { exact: true }).inputValue()).toBe('2026-11-27');
      await page.getByLabel(t.fields.status, { exact: true }).selectOption('klaar');
      expect(await submitting(page, () => page.getByRole('button', { name: t.save, exact: true }).click())).toBe(303);
      expect(findAction(e2e.server.db, id)).toMatchObject({ status: 'klaar', doneOn: '2026-11-27' });
      expect(await page.locator('[data-effect]').getAttribute('data-effect')).toBe('waiting');
      expect(await page.locator('section[data-hook="effect"]').textContent()).toContain(t.effect.waiting);

      // ── Four weeks of answers since: making an appointment feels fine now ──────────────
      const target = { db: e2e.server.db, config, addressHashKey: 'test-address-hash-key-with-enough-length' };
      addKnownAnswers(target, 24, (i) => ({ at: on(addDays('2026-11-28', i), i), feelings: { 'afspraak-maken': i % 3 === 0 ? 2 : 1, balie: 1 } }));
      e2e.server.clock.advanceDays(28); // 25 December 2026: 28 days after the done day
      await e2e.signIn(page);
      await page.goto(`${e2e.server.url}/dashboard/verbeteracties/${id}`);
      const effect = page.locator('section[data-hook="effect"]');
      expect(await effect.getAttribute('data-effect')).toBe('better');
      const text = (await effect.textContent())!.replace(/\s+/g, ' ');
      expect(text).toContain(t.effect.intro(28));
      expect(text).toContain(t.effect.verdicts.better);
      expect(await effect.locator('tr[data-side="before"] td').allTextContents()).toEqual([
        t.effect.days(formatDay('2026-10-30'), formatDay('2026-11-26')),
        '24',
        expect.stringMatching(/^-1,/),
        expect.stringMatching(/ tot /),
      ]);
      expect(await effect.locator('tr[data-side="after"] td').nth(1).textContent()).toBe('24');
      await expectNoAxeViolations(page, 'action page with its effect');

      // The heart monitor shows the effect at the step too.
      await page.goto(`${e2e.server.url}/dashboard`);
      expect(await page.locator('#acties-afspraak-maken').textContent()).toContain(t.effect.short.better);

      // ── Publishing: first without a text (refused), then with one ──────────────────────
      await page.goto(`${e2e.server.url}/dashboard/verbeteracties/${id}`);
      await page.getByLabel(t.fields.publish, { exact: true }).check();
      expect(await submitting(page, () => page.getByRole('button', { name: t.save, exact: true }).click())).toBe(422);
      expect(await page.locator('#publicSummary-fout').textContent()).toContain(t.errors.publicSummary);
      expect(await page.getByLabel(t.fields.publish, { exact: true }).isChecked()).toBe(true);
      await expectNoAxeViolations(page, 'action page, publishing refused');
      expect(findAction(e2e.server.db, id)!.publishedAt).toBeNull();
      await page.getByLabel(t.fields.publicSummary, { exact: true }).fill(SUMMARY);
      expect(await submitting(page, () => page.getByRole('button', { name: t.save, exact: true }).click())).toBe(303);
      expect(findAction(e2e.server.db, id)!.publishedAt).toEqual(e2e.server.clock.now());
      expect(await page.locator('.mh-details').textContent()).toContain(t.publishedNote(`${e2e.server.url}/verbeteringen`));

      // The list, with the action done (not late) and published.
      await page.goto(`${e2e.server.url}/dashboard/verbeteracties`);
      const row = page.locator(`tr[data-action="${id}"]`);
      expect((await row.textContent())!.replace(/\s+/g, ' ')).toContain(t.doneOnDay(formatDay('2026-11-27')));
      expect(await row.locator('td').last().textContent()).toBe(t.yes);
      await expectNoAxeViolations(page, 'action list');
      expectNoCspViolations(watched, 'manager pages');

      // ── A citizen answers a survey and follows the link on the thank-you page ──────────
      const response = await fetch(`${e2e.server.url}/api/v1/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${e2e.server.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(caseClosedEvent({ occurredAt: e2e.server.clock.now().toISOString(), citizen: { email: 'inwoner@example.nl', language: 'nl' } })),
      });
      expect(response.status).toBe(202);
      const mail = await sentInvitationMail(e2e.server.db);
      expect(mail.body).toContain(`${e2e.server.url}/verbeteringen`);
      const surveyUrl = /https?:\/\/\S+\/s\/[A-Za-z0-9_-]+/.exec(mail.body)![0];

      const citizen = await e2e.newWatchedPage();
      const survey = citizen.page;
      await survey.goto(surveyUrl);
      for (const slug of ['afspraak-maken', 'balie', 'ophalen']) await survey.check(`#feeling-${slug}-1`);
      await survey.check('#grade-8');
      await survey.check('#effort-6');
      expect(await submitting(survey, () => survey.getByRole('button', { name: nl.survey.submit, exact: true }).click())).toBe(200);
      expect(await survey.locator('h1').textContent()).toBe(nl.survey.thanksTitle);
      await expectNoAxeViolations(survey, 'thank-you page');
      expect(await navigating(survey, () => survey.locator('#main').getByRole('link', { name: nl.improvements.link, exact: true }).click())).toBe(200);
      expect(pathOf(survey)).toBe('/verbeteringen');
      expect(await survey.locator('h1').textContent()).toBe(nl.improvements.title);
      const quarter = survey.locator('section[data-quarter="2026-K4"]');
      expect(await quarter.locator('h2').textContent()).toBe(nl.improvements.quarter(2026, 4));
      const item = quarter.locator(`li[data-improvement="${id}"]`);
      expect(await item.locator('h3').textContent()).toBe('Paspoort of ID-kaart aanvragen: Afspraak maken');
      expect(await item.textContent()).toContain(SUMMARY);
      expect(await item.textContent()).toContain(nl.improvements.done(formatDay('2026-11-27')));
      const whole = (await survey.locator('main').textContent())!;
      for (const internal of ['Team Publiekszaken', 'Intern: twee extra medewerkers', 'Avond- en zaterdagopenstelling']) expect(whole).not.toContain(internal);
      await expectNoAxeViolations(survey, '/verbeteringen');
      expectNoCspViolations(citizen, 'citizen pages');
    },
  );

  it('the pages without a choice, with an overdue action, and the empty public page pass axe', { timeout: 120_000 }, async () => {
    const watched = await e2e.signedInPage();
    const { page } = watched;
    await page.goto(`${e2e.server.url}/dashboard/verbeteracties/nieuw`);
    expect(await page.getByLabel(t.chooseJourneyTitle, { exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page, 'new action: choose a journey');
    await page.getByLabel(t.chooseJourneyTitle, { exact: true }).selectOption('verhuizing-doorgeven');
    expect(await navigating(page, () => page.getByRole('button', { name: t.next, exact: true }).click())).toBe(200);
    expect(pathOf(page)).toBe('/dashboard/verbeteracties/nieuw?journey=verhuizing-doorgeven');
    await page.getByLabel(t.fields.touchpoint, { exact: true }).selectOption({ label: 'Bevestiging ontvangen' });
    await page.getByLabel(t.fields.title, { exact: true }).fill('Bevestiging sneller versturen');
    await page.getByLabel(t.fields.owner, { exact: true }).fill('Team Burgerzaken');
    // Due three days ago: late, in words.
    const due = addDays(dayOf(e2e.server.clock.now()), -3);
    await page.getByLabel(t.fields.dueOn, { exact: true }).fill(due);
    await page.getByLabel(t.fields.status, { exact: true }).selectOption('gepland');
    expect(await submitting(page, () => page.getByRole('button', { name: t.create, exact: true }).click())).toBe(303);
    expect(await page.locator('.utrecht-alert--warning').textContent()).toContain(t.overdueSince(formatDay(due)));
    await expectNoAxeViolations(page, 'action page (overdue)');
    await page.goto(`${e2e.server.url}/dashboard/verbeteracties?status=te-laat`);
    const late = page.locator('tr.mh-row-overdue');
    expect(await late.count()).toBe(1);
    expect(await late.locator('.mh-overdue').textContent()).toBe(t.overdue);
    await expectNoAxeViolations(page, 'action list (overdue only)');
    expectNoCspViolations(watched, 'overdue pages');

    // The public page with nothing published: a fresh server.
    const empty = await startServer();
    try {
      const context = await e2e.browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false });
      e2e.contexts.push(context);
      const citizen = await context.newPage();
      const response = await citizen.goto(`${empty.url}/verbeteringen`);
      expect(response?.status()).toBe(200);
      expect(await citizen.locator('main').textContent()).toContain(nl.improvements.none);
      const axeContext = await e2e.browser.newContext({ locale: 'nl-NL' });
      e2e.contexts.push(axeContext);
      const axePage = await axeContext.newPage();
      await axePage.goto(`${empty.url}/verbeteringen`);
      await expectNoAxeViolations(axePage, '/verbeteringen (empty)');
    } finally {
      await empty.close();
    }
  });
});
