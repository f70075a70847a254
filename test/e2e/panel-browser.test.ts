/**
 * The consent panel's "Done means" in a real browser (Debian's Chromium through playwright-core),
 * with real mails through a real SMTP server: a citizen who had a bad experience answers the
 * survey with the keyboard only and ticks consent, confirms from the mail, is found by a
 * researcher filtering on exactly that experience (keyboard), whose opening of the contact
 * details is audited, is invited to a study, says yes, and then withdraws with the one-click link
 * and disappears from the panel. axe (WCAG 2.1 A/AA) on every page visited, the survey's 422
 * state included; no Content-Security-Policy violation anywhere.
 */
import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { surveyLink } from '../helpers/smtp';
import { createStaff, STAFF_PASSWORD } from '../helpers/staff';
import { caseClosedEvent } from '../helpers/test-context';
import { expectNoCspViolations, navigating, pathOf, submitting, type WatchedPage } from '../helpers/watched-page';
import { nl } from '../../src/texts';
import { dutch } from '../../src/texts/citizen';

const e2e = useBrowserAndServer({ smtp: true });
const watched: WatchedPage[] = [];

const c = dutch.texts.panel.pages;
const t = nl.panel.staff;
const CITIZEN = 'ans.panel@example.nl';
const JOURNEY = 'Paspoort of ID-kaart aanvragen';
const TOUCHPOINT = `${JOURNEY}: Afspraak maken`;

async function watchedPage(): Promise<Page> {
  const w = await e2e.newWatchedPage();
  watched.push(w);
  return w.page;
}

const heading = (page: Page) => page.locator('h1').textContent();

/** Waits for the first mail to `to` whose text contains `marker` (mails are really sent over SMTP). */
async function mailTo(to: string, marker: string): Promise<ParsedMail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = e2e.smtp.received.find((mail) => JSON.stringify(mail.to ?? '').includes(to) && (mail.text ?? '').includes(marker));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No mail to ${to} containing ${marker}; got ${e2e.smtp.received.map((m) => m.subject).join(' | ')}`);
    await e2e.smtp.waitFor(e2e.smtp.received.length + 1, Math.max(1, deadline - Date.now())).catch(() => {});
  }
}

const linkIn = (mail: ParsedMail, pattern: RegExp) => {
  const match = pattern.exec(mail.text ?? '');
  expect(match, `link ${pattern} in mail "${mail.subject}"`).not.toBeNull();
  return match![0];
};

/** Posts a case.closed event through the API and returns the survey link from the real mail. */
async function invite(email: string): Promise<string> {
  const response = await fetch(`${e2e.server.url}/api/v1/events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${e2e.server.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(caseClosedEvent({ citizen: { email, language: 'nl' } })),
  });
  expect(response.status, await response.clone().text()).toBe(202);
  return surveyLink(await mailTo(email, '/s/'));
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '', name: el?.getAttribute('name') ?? '', value: el?.value ?? '', checked: el?.checked ?? false, text: el?.textContent?.trim() ?? '' };
  });

const checkedValue = (page: Page, name: string) =>
  page.evaluate((n) => (document.querySelector(`input[name="${n}"]:checked`) as HTMLInputElement | null)?.value ?? null, name);

/** Tabs forward until the element matching `selector` has focus (at most `max` presses). */
async function tabTo(page: Page, selector: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** On a focused <select>: ArrowDown until the selected option's label is `label`. */
async function chooseWithArrows(page: Page, label: string) {
  for (let i = 0; i < 40; i++) {
    const current = await page.evaluate(() => {
      const select = document.activeElement as HTMLSelectElement;
      return select.selectedOptions[0]?.textContent?.trim();
    });
    if (current === label) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`Option ${label} not reached with the arrow keys`);
}

let memberId = 0;
let researcher: Page;
let citizen: Page;
let studyInvitation: ParsedMail;

describe('consent panel in Chromium', () => {
  it('the survey with the consent block: keyboard only, consent with Space, the pre-filled address kept → thank-you', async () => {
    const surveyUrl = await invite(CITIZEN);
    citizen = await watchedPage();
    const page = citizen;
    expect((await page.goto(surveyUrl))?.status()).toBe(200);
    expect(await page.locator('#panel-consent').isChecked(), 'consent is not pre-ticked').toBe(false);
    expect(await page.locator('#panel-email').inputValue(), 'the address we mailed to is pre-filled').toBe(CITIZEN);
    await expectNoAxeViolations(page, 'survey page with the consent block');

    const kb = page.keyboard;
    // A bad experience at the first step: "Zeer negatief" (-2).
    await tabTo(page, 'input[name="feeling-afspraak-maken"]');
    expect(await focused(page)).toMatchObject({ value: '-2', checked: false });
    await kb.press('Space');
    expect(await checkedValue(page, 'feeling-afspraak-maken')).toBe('-2');
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'textarea', id: 'comment-afspraak-maken' });
    await kb.type('Geen afspraak te krijgen binnen een maand.');
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'feeling-balie', value: '-2' });
    await kb.press('Space');
    await kb.press('ArrowDown');
    await kb.press('ArrowDown');
    expect(await checkedValue(page, 'feeling-balie')).toBe('0');
    await kb.press('Tab'); // comment
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'feeling-ophalen', value: '-2' });
    await kb.press('Space');
    for (let i = 0; i < 3; i++) await kb.press('ArrowDown');
    expect(await checkedValue(page, 'feeling-ophalen')).toBe('1');
    await kb.press('Tab'); // comment
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'grade', value: '1' });
    await kb.press('Space');
    for (let i = 0; i < 3; i++) await kb.press('ArrowRight');
    expect(await checkedValue(page, 'grade')).toBe('4');
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'effort', value: '1' });
    await kb.press('Space');
    await kb.press('ArrowRight');
    expect(await checkedValue(page, 'effort')).toBe('2');

    // The consent block: the checkbox with Space; the pre-filled address stays as it is.
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'panel-consent', checked: false });
    await kb.press('Space');
    expect(await focused(page)).toMatchObject({ id: 'panel-consent', checked: true });
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'panel-email', value: CITIZEN });
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'panel-name' });
    await kb.type('Ans');
    await tabTo(page, 'button[type="submit"]', 5);
    expect(await focused(page)).toMatchObject({ text: 'Versturen' });
    expect(await submitting(page, () => kb.press('Enter'))).toBe(200);
    expect(await heading(page)).toBe('Dank u wel!');
    expect(await page.getByText(dutch.texts.panel.consent.thanksExtra).isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'thank-you page after consent');

    const member = e2e.server.db.$client.prepare('SELECT id, status FROM panel_members ORDER BY id DESC').get() as { id: number; status: string };
    expect(member.status).toBe('pending');
    memberId = member.id;
    expectNoCspViolations(watched.at(-1)!, 'survey with consent');
  });

  it('the 422 state: consent ticked with an invalid address', async () => {
    const surveyUrl = await invite('bert.panel@example.nl');
    const page = await watchedPage();
    expect((await page.goto(surveyUrl))?.status()).toBe(200);
    for (const slug of ['afspraak-maken', 'balie', 'ophalen']) await page.check(`#feeling-${slug}-1`);
    await page.check('#grade-7');
    await page.check('#effort-5');
    await page.locator('#panel-consent').focus();
    await page.keyboard.press('Space');
    await page.locator('#panel-email').fill('geen-adres');
    expect(await submitting(page, () => page.getByRole('button', { name: 'Versturen' }).click())).toBe(422);
    expect(await page.title()).toMatch(/^Fout: /);
    const email = page.locator('#panel-email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toContain('panel-email-fout');
    expect(await page.locator('#panel-email-fout').textContent()).toContain(dutch.texts.panel.consent.errors.email);
    expect(await page.locator('#panel-consent').isChecked(), 'the tick is kept').toBe(true);
    // The summary link leads to the address field.
    const link = page.locator('#foutoverzicht a[href="#panel-email"]');
    expect(await link.count()).toBe(1);
    await link.click();
    expect(await focused(page)).toMatchObject({ id: 'panel-email' });
    await expectNoAxeViolations(page, 'survey page, 422 with an invalid panel address');
    expect(e2e.server.db.$client.prepare('SELECT count(*) n FROM panel_members').get()).toEqual({ n: 1 });
    expectNoCspViolations(watched.at(-1)!, 'survey 422');
  });

  it('the citizen confirms from the confirmation mail', async () => {
    const mail = await mailTo(CITIZEN, '/burgerpanel/bevestigen/');
    expect(mail.subject).toContain('Bevestig');
    expect(mail.text).toContain('/burgerpanel/afmelden/');
    const page = citizen;
    expect((await page.goto(linkIn(mail, /https?:\/\/\S+\/burgerpanel\/bevestigen\/[A-Za-z0-9_-]+/)))?.status()).toBe(200);
    expect(await heading(page)).toBe(c.confirmTitle);
    await expectNoAxeViolations(page, 'confirmation page');
    await tabTo(page, 'button[type="submit"]');
    expect(await submitting(page, () => page.keyboard.press('Enter'))).toBe(200);
    expect(await heading(page)).toBe(c.confirmedTitle);
    await expectNoAxeViolations(page, 'confirmed page');
    expect(e2e.server.db.$client.prepare('SELECT status FROM panel_members WHERE id = ?').get(memberId)).toEqual({ status: 'active' });
    expectNoCspViolations(watched[0]!, 'confirmation');
  });

  it('a researcher finds the member by journey and a negative first step, opens the contact details (audited) and the proof', async () => {
    const staff = await createStaff(e2e.server.db, e2e.server.clock, 'researcher', 'onderzoeker@gemeente.test');
    researcher = await watchedPage();
    const page = researcher;
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel('E-mailadres').fill(staff.email);
    await page.getByLabel('Wachtwoord').fill(STAFF_PASSWORD);
    expect(await submitting(page, () => page.getByLabel('Wachtwoord').press('Enter'))).toBe(303);
    expect((await page.goto(`${e2e.server.url}/panel`))?.status()).toBe(200);
    expect(await heading(page)).toBe(t.title);
    await expectNoAxeViolations(page, '/panel');

    // Filters with the keyboard: journey, touchpoint, feeling by arrow keys, past the segment choice; Enter in a date field sends the form.
    await tabTo(page, 'select#journey');
    await chooseWithArrows(page, JOURNEY);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'touchpoint' });
    await chooseWithArrows(page, TOUCHPOINT);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'feeling' });
    await chooseWithArrows(page, t.feelings.negative!);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'segment' });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'consentFrom' });
    expect(await navigating(page, () => page.keyboard.press('Enter'))).toBe(200);
    const query = new URL(page.url()).searchParams;
    expect(query.get('feeling')).toBe('negative');
    expect(query.get('journey')).toMatch(/^\d+$/);
    expect(query.get('touchpoint')).toMatch(/^\d+$/);
    expect(await page.locator('#aantal').textContent()).toBe(t.count(1));
    const row = page.locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('th').textContent()).toBe(t.member(memberId));
    expect(await row.textContent()).toContain('Afspraak maken: Negatief (-2)');
    expect(await page.content(), 'no identities in the list').not.toContain(CITIZEN);
    await expectNoAxeViolations(page, '/panel filtered');

    // The same filter with a positive feeling finds nobody.
    const positive = new URL(page.url());
    positive.searchParams.set('feeling', 'positive');
    await page.goto(positive.toString());
    expect(await page.locator('#aantal').textContent()).toBe(t.count(0));
    await page.goBack();
    expect(await page.locator('#aantal').textContent()).toBe(t.count(1));

    // Opening the contact details: a POST, with the keyboard, audited.
    const open = page.getByRole('button', { name: `${t.open}: ${t.member(memberId)}` });
    await open.focus();
    expect(await submitting(page, () => page.keyboard.press('Enter'))).toBe(200);
    expect(await heading(page)).toBe(t.contactTitle(memberId));
    expect(await page.locator('dd').first().textContent()).toBe(CITIZEN);
    expect(await page.getByText('Ans', { exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page, 'contact details');
    expect(e2e.server.db.$client.prepare("SELECT actor, object, result FROM audit_log WHERE action = 'panel.contact.opened'").all()).toEqual([
      { actor: staff.email, object: `panel-member:${memberId}`, result: 'success' },
    ]);

    expect(await navigating(page, () => page.getByRole('link', { name: t.proof }).click())).toBe(200);
    expect(pathOf(page)).toBe(`/panel/leden/${memberId}/toestemming`);
    expect(await heading(page)).toBe(t.proofTitle(memberId));
    const hash = (e2e.server.db.$client.prepare("SELECT text_hash FROM panel_consents WHERE member_id = ? AND event = 'given'").get(memberId) as { text_hash: string }).text_hash;
    expect(await page.locator('code').first().textContent()).toBe(hash);
    expect(await page.locator('ol > li').count()).toBe(2); // given, confirmed
    await expectNoAxeViolations(page, 'consent proof');
    expectNoCspViolations(watched.at(-1)!, 'researcher workspace');
  });

  it('the researcher creates a study and invites the member; the citizen says yes', async () => {
    const page = researcher;
    expect(await navigating(page, () => page.getByRole('link', { name: t.studies, exact: true }).click())).toBe(200);
    expect(pathOf(page)).toBe('/panel/onderzoeken');
    await expectNoAxeViolations(page, 'studies page');

    // Sending the empty form: 422 with the errors beside the fields.
    expect(await submitting(page, () => page.getByRole('button', { name: t.create }).click())).toBe(422);
    expect(await page.locator('#title').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'studies page, 422');

    await page.getByLabel(t.studyTitle, { exact: true }).fill('Afspraak maken');
    await page.getByLabel(t.studyPurpose).fill('Begrijpen wat er misging bij het maken van een afspraak.');
    await page.getByLabel(t.studyJourney, { exact: true }).selectOption({ label: JOURNEY });
    await page.getByLabel(t.studyInvitation).fill('Wilt u 45 minuten met ons praten over het maken van een afspraak?');
    expect(await submitting(page, () => page.getByRole('button', { name: t.create }).click())).toBe(303);
    expect(pathOf(page)).toMatch(/^\/panel\/onderzoeken\/\d+$/);
    const studyPath = pathOf(page);
    expect(await heading(page)).toBe('Afspraak maken');
    await expectNoAxeViolations(page, 'study page');

    const box = page.locator(`#lid-${memberId}`);
    await box.focus();
    await page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(true);
    expect(await submitting(page, () => page.getByRole('button', { name: t.invite }).click())).toBe(303);
    expect(pathOf(page)).toBe(`${studyPath}?uitgenodigd=1&overgeslagen=0`);
    expect(await page.getByRole('status').textContent()).toBe(t.invited(1, 0));
    expect(await page.getByText(`${t.member(memberId)}: ${t.statuses.invited}`).count()).toBe(1);
    await expectNoAxeViolations(page, 'study page after inviting');

    studyInvitation = await mailTo(CITIZEN, '/burgerpanel/onderzoek/');
    expect(studyInvitation.subject).toContain('Uitnodiging voor een gesprek: Afspraak maken');
    const yes = linkIn(studyInvitation, /https?:\/\/\S+\/burgerpanel\/onderzoek\/[A-Za-z0-9_-]+\?antwoord=ja/);
    expect((await citizen.goto(yes))?.status()).toBe(200);
    expect(await heading(citizen)).toBe(c.studyTitle('Afspraak maken'));
    await expectNoAxeViolations(citizen, 'study invitation page');
    expect(await submitting(citizen, () => citizen.getByRole('button', { name: c.studyYes }).click())).toBe(200);
    expect(await heading(citizen)).toBe(c.studyYesTitle);
    await expectNoAxeViolations(citizen, 'study accepted page');

    await page.goto(`${e2e.server.url}${studyPath}`);
    expect(await page.getByText(`${t.member(memberId)}: ${t.statuses.accepted}`).count()).toBe(1);
    await expectNoAxeViolations(page, 'study page with an accepted participant');
    expectNoCspViolations(watched[0]!, 'citizen study answer');
    expectNoCspViolations(watched.at(-1)!, 'studies');
  });

  it('the citizen withdraws with the one-click link from the panel mail and disappears from /panel', async () => {
    const withdraw = linkIn(studyInvitation, /https?:\/\/\S+\/burgerpanel\/afmelden\/[A-Za-z0-9_-]+/);
    // The same link is the mail's RFC 8058 one-click unsubscribe.
    const header = (key: string) => studyInvitation.headerLines.find((line) => line.key === key)?.line.replace(/\s+/g, '');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post:List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toBe(`List-Unsubscribe:<${withdraw}>`);
    expect((await citizen.goto(withdraw))?.status()).toBe(200);
    expect(await heading(citizen)).toBe(c.withdrawTitle);
    await expectNoAxeViolations(citizen, 'withdrawal page');
    expect(await submitting(citizen, () => citizen.getByRole('button', { name: c.withdrawButton }).click())).toBe(200);
    expect(await heading(citizen)).toBe(c.withdrawnTitle);
    await expectNoAxeViolations(citizen, 'withdrawn page');
    expect(e2e.server.db.$client.prepare('SELECT status, contact FROM panel_members WHERE id = ?').get(memberId)).toEqual({ status: 'withdrawn', contact: null });

    await researcher.goto(`${e2e.server.url}/panel`);
    expect(await researcher.locator('#aantal').textContent()).toBe(t.count(0));
    expect(await researcher.locator('tbody tr').count()).toBe(0);
    await expectNoAxeViolations(researcher, '/panel after withdrawal');

    for (const [i, w] of watched.entries()) expectNoCspViolations(w, `page ${i}`);
  });
});
