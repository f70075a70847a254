/**
 * The citizen's side in a real browser (Debian's Chromium through playwright-core): answering
 * the survey with the keyboard only, WCAG 2.1 A/AA checks with axe on every public page, and
 * the layout on a phone. Runs the real app on a real port (test/helpers/http-server.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { hashToken } from '../../src/tokens';
import { expectNoAxeViolations, useBrowserAndServer } from '../helpers/browser';
import { allowAdminsWithoutSecondFactor, createStaff, STAFF_PASSWORD } from '../helpers/staff';
import { caseClosedEvent } from '../helpers/test-context';

const e2e = useBrowserAndServer();

interface Invitation {
  surveyUrl: string;
  optOutUrl: string;
  token: string;
}

/** Sends a case.closed event through the API and takes the links from the invitation mail. */
async function invite(): Promise<Invitation> {
  const event = caseClosedEvent();
  const response = await e2e.server.postEvent(event);
  expect(response.status, await response.clone().text()).toBe(202);
  expect(await response.json()).toMatchObject({ status: 'accepted' });

  // The mail is queued in the same transaction as the invitation; the worker sends it shortly after.
  const select = e2e.server.db.$client.prepare(
    "select o.text_body as body, o.status from outbox o join events e on e.invitation_id = o.invitation_id where o.kind = 'invitation' and e.event_id = ?",
  );
  let row: { body: string | null; status: string } | undefined;
  for (let attempt = 0; attempt < 50; attempt++) {
    row = select.get(event.id) as typeof row;
    if (row?.status === 'sent') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(row?.body, 'invitation mail with a body').toBeTruthy();
  expect(row?.status).toBe('sent');
  const surveyUrl = /https?:\/\/\S+\/s\/[A-Za-z0-9_-]+/.exec(row!.body!)?.[0];
  const optOutUrl = /https?:\/\/\S+\/afmelden\/[A-Za-z0-9_-]+/.exec(row!.body!)?.[0];
  expect(surveyUrl, 'survey link in the mail').toBeDefined();
  expect(optOutUrl, 'opt-out link in the mail').toBeDefined();
  expect(surveyUrl!.startsWith(`${e2e.server.url}/s/`)).toBe(true);
  return { surveyUrl: surveyUrl!, optOutUrl: optOutUrl!, token: surveyUrl!.slice(surveyUrl!.lastIndexOf('/s/') + 3) };
}

/** Opens a page and checks the HTTP status it answered with. */
async function open(page: Page, url: string, status = 200) {
  const response = await page.goto(url);
  expect(response?.status(), `GET ${url}`).toBe(status);
}

/** Presses the submit button and waits for the page the POST answers with. */
async function submit(page: Page, status: number) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/s/')),
    page.getByRole('button', { name: 'Versturen' }).click(),
  ]);
  expect(response.status()).toBe(status);
  await page.waitForLoadState('load');
}

const SLUGS = ['afspraak-maken', 'balie', 'ophalen'] as const;

/** Id and name of the focused element, to follow where the keyboard is. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      name: el?.getAttribute('name') ?? '',
      value: el?.value ?? '',
      checked: el?.checked ?? false,
      text: el?.textContent?.trim() ?? '',
      insideMain: Boolean(el?.closest('main')),
    };
  });

/** The checked value of a radio group as the browser has it. */
const checkedValue = (page: Page, name: string) =>
  page.evaluate((n) => (document.querySelector(`input[name="${n}"]:checked`) as HTMLInputElement | null)?.value ?? null, name);

function storedResponse(token: string) {
  const client = e2e.server.db.$client;
  const invitation = client.prepare('select id, status, email from invitations where token_hash = ?').get(hashToken(token)) as
    | { id: number; status: string; email: string | null }
    | undefined;
  expect(invitation).toBeDefined();
  const response = client.prepare('select id, grade, effort from responses where invitation_id = ?').get(invitation!.id) as
    | { id: number; grade: number; effort: number }
    | undefined;
  const answers = response
    ? (client
        .prepare(
          'select t.slug, a.feeling, a.comment from answers a join touchpoints t on t.id = a.touchpoint_id where a.response_id = ? order by t.position',
        )
        .all(response.id) as { slug: string; feeling: number | null; comment: string | null }[])
    : [];
  return { invitation: invitation!, response, answers };
}

describe('survey with the keyboard only', () => {
  it('answers every question with Tab, arrow keys, Space, typing and Enter, and stores exactly that', async () => {
    const { surveyUrl, token } = await invite();
    const page = await e2e.newPage();
    await open(page, surveyUrl);
    const kb = page.keyboard;

    // The skip link is the first Tab stop, visible when focused, and leads into main.
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Direct naar de hoofdinhoud' });
    expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'))).toBe('#main');
    const skipBox = await page.locator('a.utrecht-skip-link').boundingBox();
    expect(skipBox && skipBox.width > 1 && skipBox.height > 1, 'skip link is visible on focus').toBe(true);
    await kb.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#main');
    // Chromium moves the sequential-focus starting point to <main> (document.activeElement stays
    // <body>, as <main> has no tabindex) and scrolls main to the top of the viewport (smoothly:
    // the Utrecht root sets scroll-behavior: smooth).
    await expect
      .poll(() => page.evaluate(() => Math.round(document.getElementById('main')!.getBoundingClientRect().top)))
      .toBe(0);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

    // Step 1 (the next Tab stop after main's start): Tab enters the first radio group on its first option; Space picks it, ArrowDown moves on.
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ name: `feeling-${SLUGS[0]}`, value: '-2', checked: false, insideMain: true });
    await kb.press('Space');
    expect(await checkedValue(page, `feeling-${SLUGS[0]}`)).toBe('-2');
    await kb.press('ArrowDown');
    expect(await checkedValue(page, `feeling-${SLUGS[0]}`)).toBe('-1');

    // The comment: typing, with a line break, in the step's textarea.
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'textarea', id: `comment-${SLUGS[0]}` });
    await kb.type('De website was traag.');
    await kb.press('Enter');
    await kb.type('Wel snel een afspraak.');

    // Shift+Tab goes back to the checked option of the group; change the choice once more.
    await kb.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ name: `feeling-${SLUGS[0]}`, value: '-1', checked: true });
    await kb.press('ArrowRight');
    expect(await checkedValue(page, `feeling-${SLUGS[0]}`)).toBe('0');

    // Step 2: ArrowUp on the first option wraps around to the last: "Niet van toepassing".
    await kb.press('Tab'); // comment 1
    await kb.press('Tab'); // feeling 2
    expect(await focused(page)).toMatchObject({ name: `feeling-${SLUGS[1]}`, value: '-2' });
    await kb.press('ArrowUp');
    expect(await checkedValue(page, `feeling-${SLUGS[1]}`)).toBe('nvt');

    // Step 3: from "Zeer negatief" four steps to "Zeer positief"; no comment.
    await kb.press('Tab'); // comment 2
    expect(await focused(page)).toMatchObject({ tag: 'textarea', id: `comment-${SLUGS[1]}` });
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ name: `feeling-${SLUGS[2]}`, value: '-2' });
    await kb.press('Space');
    for (let i = 0; i < 4; i++) await kb.press('ArrowDown');
    expect(await checkedValue(page, `feeling-${SLUGS[2]}`)).toBe('2');

    // Grade 8 (Space on 1, seven times right) and effort 6 (ArrowLeft from 1 wraps to 7, then one back).
    await kb.press('Tab'); // comment 3
    expect(await focused(page)).toMatchObject({ tag: 'textarea', id: `comment-${SLUGS[2]}` });
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'grade', value: '1' });
    await kb.press('Space');
    for (let i = 0; i < 7; i++) await kb.press('ArrowRight');
    expect(await checkedValue(page, 'grade')).toBe('8');
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'effort', value: '1' });
    await kb.press('ArrowLeft');
    await kb.press('ArrowLeft');
    expect(await checkedValue(page, 'effort')).toBe('6');

    // The optional consent-panel block: its checkbox is not pre-ticked; the citizen leaves it so.
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'panel-consent', checked: false });
    for (const field of ['panel-email', 'panel-name', 'panel-phone']) {
      await kb.press('Tab');
      expect(await focused(page)).toMatchObject({ id: field });
    }
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'panel-contact', value: 'e-mail', checked: false });

    // The next Tab stop is the submit button; Enter sends the form.
    await kb.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Versturen' });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === surveyUrl),
      kb.press('Enter'),
    ]);
    expect(response.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Dank u wel!');
    expect(await page.title()).toMatch(/^Dank u wel!/);

    const stored = storedResponse(token);
    expect(stored.invitation).toMatchObject({ status: 'answered', email: null });
    expect(stored.response).toMatchObject({ grade: 8, effort: 6 });
    expect(stored.answers).toEqual([
      { slug: 'afspraak-maken', feeling: 0, comment: 'De website was traag.\nWel snel een afspraak.' },
      { slug: 'balie', feeling: null, comment: null },
      { slug: 'ophalen', feeling: 2, comment: null },
    ]);
  });
});

/** Answers every question through the DOM (for the pages after a submission). */
async function answerAll(page: Page) {
  for (const slug of SLUGS) await page.check(`#feeling-${slug}-1`);
  await page.check('#grade-7');
  await page.check('#effort-5');
}

describe('WCAG 2.1 A/AA (axe) on every public page', () => {
  it('the survey page', async () => {
    const { surveyUrl } = await invite();
    const page = await e2e.newPage();
    await open(page, surveyUrl);
    await expect.poll(() => page.locator('input[type=radio]').count()).toBe(3 * 6 + 10 + 7 + 2); // + the consent block's preferred way of contact
    await expectNoAxeViolations(page, 'survey page');
  });

  it('the error page after sending nothing, whose summary links lead to existing inputs', async () => {
    const { surveyUrl, token } = await invite();
    const page = await e2e.newPage();
    await open(page, surveyUrl);
    await submit(page, 422);

    expect(await page.title()).toMatch(/^Fout: /);
    const summary = page.locator('#foutoverzicht');
    await expect.poll(() => summary.isVisible()).toBe(true);
    const targets = await summary.locator('a').evaluateAll((links) =>
      links.map((link) => {
        const id = decodeURIComponent(link.getAttribute('href')!.replace(/^#/, ''));
        const target = document.getElementById(id) as HTMLInputElement | null;
        return { href: link.getAttribute('href'), tag: target?.tagName.toLowerCase(), name: target?.name, invalid: target?.getAttribute('aria-invalid') };
      }),
    );
    // One link per missing answer: three feelings, the grade and the effort (order: see the known bug below).
    expect(targets.map((t) => t.name).sort()).toEqual([...SLUGS.map((slug) => `feeling-${slug}`), 'grade', 'effort'].sort());
    for (const target of targets) expect(target, `summary link ${target.href}`).toMatchObject({ tag: 'input', invalid: 'true' });

    // Each group says what is wrong, and the fieldset points at that message.
    for (const name of targets.map((t) => t.name!)) {
      const describedBy = await page.locator(`fieldset:has(input[name="${name}"])`).getAttribute('aria-describedby');
      expect(describedBy?.split(' ')).toContain(`${name}-fout`);
      expect(await page.locator(`#${name}-fout`).textContent()).toMatch(/^Fout: /);
    }

    // Following a summary link puts focus on the first option of that question.
    await summary.locator('a[href="#grade-1"]').click();
    expect(await focused(page)).toMatchObject({ name: 'grade', value: '1' });

    await expectNoAxeViolations(page, 'error page (422)');
    expect(storedResponse(token).response).toBeUndefined();
  });

  // Known bug (src/survey/survey-form.ts): parseSurvey builds its schema with grade and effort
  // first, so zod reports them first and the summary lists "cijfer" and "makkelijk" above the
  // three feelings, the reverse of the page. Remove `.fails` once the summary follows the page.
  it('the error summary lists the errors in the order of the questions on the page', async () => {
    const { surveyUrl } = await invite();
    const page = await e2e.newPage();
    await open(page, surveyUrl);
    await submit(page, 422);
    const hrefs = await page.locator('#foutoverzicht a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs).toEqual([...SLUGS.map((slug) => `#feeling-${slug}--2`), '#grade-1', '#effort-1']);
  });

  it('the thank-you page and, opening the link again, the "already answered" page', async () => {
    const { surveyUrl, token } = await invite();
    const page = await e2e.newPage();
    await open(page, surveyUrl);
    await answerAll(page);
    await submit(page, 200);
    expect(await page.locator('h1').textContent()).toBe('Dank u wel!');
    await expectNoAxeViolations(page, 'thank-you page');
    expect(storedResponse(token).response).toMatchObject({ grade: 7, effort: 5 });

    await open(page, surveyUrl, 409);
    expect(await page.locator('h1').textContent()).toBe('U heeft deze vragenlijst al ingevuld');
    expect(await page.locator('form').count()).toBe(0);
    await expectNoAxeViolations(page, 'already answered page');
  });

  it('the page for an unknown link', async () => {
    const page = await e2e.newPage();
    await open(page, `${e2e.server.url}/s/${randomBytes(32).toString('base64url')}`, 404);
    expect(await page.locator('h1').textContent()).toBe('Deze link werkt niet');
    await expectNoAxeViolations(page, 'unknown survey link');
  });

  it('the opt-out confirmation and the opt-out done page', async () => {
    const { optOutUrl, token } = await invite();
    const page = await e2e.newPage();
    await open(page, optOutUrl);
    expect(await page.locator('h1').textContent()).toBe('Afmelden voor vragenlijsten');
    await expectNoAxeViolations(page, 'opt-out confirmation');

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Ja, meld mij af' }).click(),
    ]);
    expect(response.status()).toBe(200);
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe('U bent afgemeld');
    await expectNoAxeViolations(page, 'opt-out done');

    const invitationId = storedResponse(token).invitation.id;
    expect(e2e.server.db.$client.prepare('select count(*) as n from opt_outs where invitation_id = ?').get(invitationId)).toEqual({ n: 1 });
  });

  it.each([
    ['/privacy', nl.statements.privacyTitle],
    ['/toegankelijkheid', nl.statements.accessibilityTitle],
  ])('%s', async (path, heading) => {
    const page = await e2e.newPage();
    await open(page, `${e2e.server.url}${path}`);
    expect(await page.locator('h1').textContent()).toBe(heading);
    await expectNoAxeViolations(page, path);
  });

  it('the mailbox list (admins only: signing in through the login form first)', async () => {
    await invite(); // so the list has rows to check
    const admin = await createStaff(e2e.server.db, e2e.server.clock, 'admin', 'mailbox-beheerder@gemeente.test');
    allowAdminsWithoutSecondFactor(e2e.server.db, e2e.server.clock);
    const page = await e2e.newPage();

    // Not signed in: the mailbox sends the visitor to the login page, which brings them back.
    await open(page, `${e2e.server.url}/mailbox`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('terug')).toBe('/mailbox');
    await page.getByLabel('E-mailadres').fill(admin.email);
    await page.getByLabel('Wachtwoord').fill(STAFF_PASSWORD);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/login')),
      page.getByLabel('Wachtwoord').press('Enter'),
    ]);
    expect(response.status()).toBe(303);
    await page.waitForURL(`${e2e.server.url}/mailbox`);

    expect(await page.locator('h1').textContent()).toBe('Ingebouwde mailbox');
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, '/mailbox');
  });
});

/**
 * What a screenshot would show as broken: a question squeezed into a narrow column (as when a
 * fieldset sits in the 28px input column of a single radio's grid), an option whose label is
 * not beside its radio, or a scale number not above its radio.
 */
const layoutOf = (page: Page) =>
  page.evaluate(() => {
    const formWidth = document.querySelector('form')!.getBoundingClientRect().width;
    const legendWidths = [...document.querySelectorAll('form legend')].map((legend) => legend.getBoundingClientRect().width);
    const misplacedListLabels = [...document.querySelectorAll('.mh-radio-list [data-hook="option"]')].filter((option) => {
      const radio = option.querySelector('input')!.getBoundingClientRect();
      const label = option.querySelector('label')!.getBoundingClientRect();
      return !(label.left >= radio.right && label.top < radio.bottom && label.bottom > radio.top);
    }).length;
    const misplacedScaleLabels = [...document.querySelectorAll('.mh-scale [data-hook="option"]')].filter((option) => {
      const radio = option.querySelector('input')!.getBoundingClientRect();
      const label = option.querySelector('label')!.getBoundingClientRect();
      return !(label.bottom <= radio.top && label.right > radio.left && label.left < radio.right);
    }).length;
    return { formWidth, narrowestLegend: Math.min(...legendWidths), legends: legendWidths.length, misplacedListLabels, misplacedScaleLabels };
  });

function expectSoundLayout(layout: Awaited<ReturnType<typeof layoutOf>>) {
  // Three steps, grade and effort, and the consent block's preferred way of contact.
  expect(layout.legends).toBe(3 + 2 + 1);
  // Nearly as wide as the form: an invalid group is indented by its red error bar.
  expect(layout.narrowestLegend, 'every question is about as wide as the form').toBeGreaterThanOrEqual(layout.formWidth * 0.8);
  expect(layout.misplacedListLabels, 'feeling options with the label beside the radio').toBe(0);
  expect(layout.misplacedScaleLabels, 'scale options with the number above the radio').toBe(0);
}

describe('layout', () => {
  it('has no horizontal scrolling on a 390×844 phone', async () => {
    const { surveyUrl } = await invite();
    const page = await e2e.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await open(page, surveyUrl);
    const size = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      widest: Math.max(...[...document.querySelectorAll('body *')].map((el) => el.getBoundingClientRect().right)),
    }));
    expect(size.clientWidth).toBe(390);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
    expect(size.widest).toBeLessThanOrEqual(size.clientWidth);

    // Every radio option is a tap target of at least 44 CSS pixels high (WCAG 2.5.5 advice, NL DS).
    const smallest = await page.locator('[data-hook="option"]').evaluateAll((options) =>
      Math.min(...options.map((option) => option.getBoundingClientRect().height)),
    );
    expect(smallest).toBeGreaterThanOrEqual(44);
    expectSoundLayout(await layoutOf(page));
    await page.screenshot({ path: '/tmp/survey-phone.png', fullPage: true });
  });

  it('shows the error page without horizontal scrolling at 1280 wide and on a phone', async () => {
    const { surveyUrl } = await invite();
    const page = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
    await open(page, surveyUrl);
    await submit(page, 422);
    await page.screenshot({ path: '/tmp/survey-error.png', fullPage: true });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 844 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
      expectSoundLayout(await layoutOf(page));
    }
  });
});
