/**
 * No page scrolls sideways and axe (WCAG 2.1 A and AA) finds nothing: every staff page (as admin,
 * manager and researcher: the GET pages of the route table their role may open, pages with an id
 * built from data this file creates) and the citizen pages (the survey's error state and its
 * thank-you page, the panel's and the opt-out's link pages), in Chromium at a phone's 390 px and
 * a laptop's 1280 px, on 45 days of generated history. Wide tables scroll in their own container;
 * the document itself is never wider than the viewport; each link of the staff navigation stays on
 * one line (the items wrap as a whole). Every problem of a run is listed at once.
 * Also the survey's controls on a phone: the consent checkbox is the full-size one and each
 * answer scale fits one line.
 */
import type { APIResponse, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { homeFor, routeTable, type RouteRule } from '../../src/auth/access';
import { issueSetPasswordLink } from '../../src/auth/setup-links';
import { generateDemoAppointments } from '../../src/demo/demo-appointments';
import type { Role } from '../../src/db/schema';
import { newLink } from '../../src/panel/membership';
import { axeViolations, useBrowserAndServer } from '../helpers/browser';
import { CHAIN_SLUG, setUpChain } from '../helpers/chain';
import { createStaff } from '../helpers/staff';
import { caseClosedEvent } from '../helpers/test-context';
import { signInThroughForm, submitting } from '../helpers/watched-page';
import { sentInvitationMail } from '../helpers/survey-link';

const e2e = useBrowserAndServer({ staff: 'admin' });
const WIDTHS = [390, 1280];
const ROLES: Role[] = ['admin', 'manager', 'researcher', 'kcc'];

/** The ids this file creates, from which the pages with an id are built. */
interface Made {
  journey: number;
  touchpoint: number;
  action: number;
  code: number;
  study: number;
  /** A confirmed panel member, invited to the study. */
  member: number;
  importJob: string;
  mail: number;
  /** Tokens from the mails (and the set-password link an admin hands out). */
  survey: string;
  optOut: string;
  setup: string;
  confirm: string;
  withdraw: string;
  renew: string;
  studyAnswer: string;
  /** A survey answered unhappily: the call-back question is offered on its follow-up page. */
  callbackQuestion: string;
  /** An open call-back request, and the link of the recovery mail of a closed one. */
  callback: number;
  recovery: string;
  /** A chain journey's slug and one of its shared actions (issue 24). */
  chain: string;
  chainAction: number;
}
let made: Made;

/** Every GET route with an id, and how to build its path from the data made here. */
const ID_PAGES: Record<string, (m: Made) => string> = {
  '/s/:token': (m) => `/s/${m.survey}`,
  '/afmelden/:token': (m) => `/afmelden/${m.optOut}`,
  '/burgerpanel/bevestigen/:token': (m) => `/burgerpanel/bevestigen/${m.confirm}`,
  '/burgerpanel/afmelden/:token': (m) => `/burgerpanel/afmelden/${m.withdraw}`,
  '/burgerpanel/verlengen/:token': (m) => `/burgerpanel/verlengen/${m.renew}`,
  '/burgerpanel/onderzoek/:token': (m) => `/burgerpanel/onderzoek/${m.studyAnswer}?antwoord=ja`,
  '/setup/:token': (m) => `/setup/${m.setup}`,
  '/dashboard/verbeteracties/:id': (m) => `/dashboard/verbeteracties/${m.action}`,
  '/dashboard/themas/codeboek/:id': (m) => `/dashboard/themas/codeboek/${m.code}`,
  '/panel/leden/:id/toestemming': (m) => `/panel/leden/${m.member}/toestemming`,
  '/panel/onderzoeken/:id': (m) => `/panel/onderzoeken/${m.study}`,
  '/admin/appointments/import/:id': (m) => `/admin/appointments/import/${m.importJob}`,
  '/admin/reizen/:id': (m) => `/admin/reizen/${m.journey}`,
  '/admin/reizen/:id/voorbeeld': (m) => `/admin/reizen/${m.journey}/voorbeeld`,
  '/admin/reizen/:id/contactmomenten/:touchpointId': (m) => `/admin/reizen/${m.journey}/contactmomenten/${m.touchpoint}`,
  '/mailbox/:id': (m) => `/mailbox/${m.mail}`,
  '/s/:token/terugbellen': (m) => `/s/${m.callbackQuestion}/terugbellen`,
  '/dashboard/terugbellen/:id': (m) => `/dashboard/terugbellen/${m.callback}`,
  '/terugbellen/beoordelen/:token': (m) => `/terugbellen/beoordelen/${m.recovery}`,
  '/dashboard/keten/:slug': (m) => `/dashboard/keten/${m.chain}`,
  '/dashboard/keten/:slug/kaart': (m) => `/dashboard/keten/${m.chain}/kaart`,
  '/dashboard/keten/:slug/acties/:id': (m) => `/dashboard/keten/${m.chain}/acties/${m.chainAction}`,
  // The administrator's own organisation (the hosting one).
  '/admin/organisaties/:id': () => '/admin/organisaties/1',
};

/**
 * GET routes with an id that are no page: downloads, a letter's QR code (an image for the case
 * system), and a mail's HTML part, which is shown in the sandboxed frame of /mailbox/:id (no
 * script runs in it, so neither can axe).
 */
const NOT_PAGES = ['/panel/onderzoeken/:id/export.csv', '/admin/reizen/:id/export.json', '/mailbox/:id/html', '/api/v1/invitations/:code/qr.svg'];

/** Pages that need no id but a query to show a journey's own content. */
const QUERY_PAGES: Record<string, (m: Made) => string> = {
  '/dashboard': (m) => `/dashboard?reis=${m.journey}`,
  '/dashboard/klantreiskaart': (m) => `/dashboard/klantreiskaart?reis=${m.journey}`,
  '/dashboard/verbeteracties/nieuw': (m) => `/dashboard/verbeteracties/nieuw?journey=${m.journey}`,
  // By slug, as the journey choice on the page sends it.
  '/dashboard/afname/zaak': () => '/dashboard/afname/zaak?reis=paspoort-aanvragen',
};

const isNoPage = (rule: RouteRule) => /\.(csv|json)$/.test(rule.path) || NOT_PAGES.includes(rule.path);
const forRole = (role: Role) => (rule: RouteRule) => rule.audience === 'staff' || (Array.isArray(rule.audience) && rule.audience.includes(role));

/** The GET pages a role may open: every route of its audience but the sign-in steps and NOT_PAGES; ids and queries filled in. */
function staffPages(role: Role): string[] {
  const rules = routeTable.filter((rule) => rule.method === 'GET' && !isNoPage(rule)).filter(forRole(role));
  return rules.flatMap((rule) => {
    if (rule.path.includes(':')) return [ID_PAGES[rule.path]!(made)];
    const withQuery = QUERY_PAGES[rule.path];
    return withQuery ? [rule.path, withQuery(made)] : [rule.path];
  });
}

const CITIZEN_PAGES = ['/', '/login', '/privacy', '/toegankelijkheid', '/verbeteringen', '/resultaten', '/vragenlijst'];
const citizenIdPages = () =>
  routeTable.filter((rule) => rule.method === 'GET' && rule.audience === 'public' && rule.path.includes(':')).map((rule) => ID_PAGES[rule.path]!(made));

/** The document's width, and when it is wider than the viewport the widest elements that stick out. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Elements that stick out and are not inside a scroll container: those widen the page.
    const clipped = (el: Element) => {
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const sticksOut = (el: Element) => el.getBoundingClientRect().right + window.scrollX > width + 1 && !clipped(el);
    const culprits = Array.from(document.body.querySelectorAll<HTMLElement>('*'))
      .filter((el) => sticksOut(el) && !Array.from(el.children).some(sticksOut))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} → ${Math.round(el.getBoundingClientRect().right + window.scrollX)}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });
}

/**
 * The staff navigation's links that take more than one line: an inline link split over lines has
 * a box per line, so a word broken in the middle ("Dashboa rd") shows as two.
 */
function splitNavLinks(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLAnchorElement>('nav.mh-staff-nav a'))
      .filter((link) => link.getClientRects().length > 1)
      .map((link) => link.textContent),
  );
}

/** Checks the page as it is now: its width, the staff navigation, and axe; each problem is one line in `failures`. */
async function checkPage(page: Page, label: string, failures: string[]) {
  const { scrollWidth, width, culprits } = await overflow(page);
  if (scrollWidth > width) failures.push(`${label} at ${width} px is ${scrollWidth} px wide: ${culprits.join(', ')}`);
  const split = await splitNavLinks(page);
  if (split.length > 0) failures.push(`${label} at ${width} px: the staff navigation breaks ${split.join(', ')} over lines`);
  for (const violation of await axeViolations(page, { legacyMode: true })) {
    const [first, ...more] = violation.nodes;
    failures.push(`${label} at ${width} px: axe [${violation.id}] ${JSON.stringify(first?.target)}${more.length ? ` (and ${more.length} more)` : ''}`);
  }
}

async function visit(page: Page, path: string, failures: string[]) {
  const response = await page.goto(`${e2e.server.url}${path}`);
  if (response?.status() !== 200) failures.push(`${path}: status ${response?.status()}`);
  await checkPage(page, path, failures);
}

async function pageAt(width: number): Promise<Page> {
  return e2e.newPage({ viewport: { width, height: 900 } });
}

async function signedIn(role: Role, width = 1280): Promise<Page> {
  const page = await pageAt(width);
  await signInThroughForm(page, e2e.server.url, `${role}@gemeente.test`, homeFor(role));
  return page;
}

/** The newest mail of `kind` (optionally to one panel member) as queued in the outbox. */
function mailText(kind: string, memberId?: number): { id: number; body: string } {
  const row = e2e.server.db.$client
    .prepare(`select id, text_body as body from outbox where kind = ? ${memberId === undefined ? '' : 'and panel_member_id = ?'} order by id desc`)
    .get(...(memberId === undefined ? [kind] : [kind, memberId])) as { id: number; body: string } | undefined;
  expect(row, `a ${kind} mail`).toBeDefined();
  return row!;
}

/** The token of the first link to `/prefix/<token>` in a mail's text. */
function tokenIn(body: string, prefix: string): string {
  const token = new RegExp(`${prefix}/([A-Za-z0-9_-]+)`).exec(body)?.[1];
  expect(token, `${prefix} link in the mail`).toBeDefined();
  return token!;
}

/** Sends a case.closed event through the API; returns the invitation mail (its outbox id and text). */
let invited = 0;
async function invite(email = `inwoner.layout.${++invited}@example.nl`): Promise<{ id: number; body: string }> {
  const event = caseClosedEvent({ citizen: { email, language: 'nl' } });
  const response = await e2e.server.postEvent(event);
  expect(response.status, await response.clone().text()).toBe(202);
  return sentInvitationMail(e2e.server.db, event.id);
}

/** The demo history's journeys ask items from the bank too: the first option of each item on this survey page. */
const itemAnswersFor = (form: string): Record<string, string> =>
  Object.fromEntries([...form.matchAll(/name="(item-[^"]+)" value="([^"]+)"/g)].reverse().map((match) => [match[1]!, match[2]!]));

/** A citizen answers the survey with the panel consent ticked (over HTTP, as the form posts it); returns the new member's id. */
async function joinPanel(email: string): Promise<number> {
  const survey = `/s/${tokenIn((await invite(email)).body, '/s')}`;
  const form = await (await fetch(`${e2e.server.url}${survey}`)).text();
  const hash = /name="panel-text-hash" value="([0-9a-f]{64})"/.exec(form)?.[1];
  expect(hash, 'the consent block on the survey').toBeDefined();
  const answers = { 'feeling-afspraak-maken': '-2', 'feeling-balie': '0', 'feeling-ophalen': '1', grade: '4', effort: '2', ...itemAnswersFor(form) };
  const response = await fetch(`${e2e.server.url}${survey}`, {
    method: 'POST',
    body: new URLSearchParams({ ...answers, 'panel-consent': 'ja', 'panel-email': email, 'panel-text-hash': hash! }),
  });
  expect(response.status).toBe(200);
  return (e2e.server.db.$client.prepare('select max(id) id from panel_members').get() as { id: number }).id;
}

/** A form POSTed by a signed-in page's own request context; returns where it redirects to. */
async function post(page: Page, path: string, form: Record<string, string | string[]>): Promise<string> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
  const response: APIResponse = await page.request.post(`${e2e.server.url}${path}`, {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    data: body.toString(),
    maxRedirects: 0,
  });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(303);
  return response.headers().location!;
}

/** A fresh survey answered with a 2 and a bad first step, as a citizen's browser posts it; returns its token. */
async function answerUnhappily(): Promise<string> {
  const token = tokenIn((await invite()).body, '/s');
  const page = await (await fetch(`${e2e.server.url}/s/${token}`)).text();
  const form = { 'feeling-afspraak-maken': '-2', 'feeling-balie': '0', 'feeling-ophalen': '0', grade: '2', effort: '2', ...itemAnswersFor(page) };
  const response = await fetch(`${e2e.server.url}/s/${token}`, { method: 'POST', body: new URLSearchParams(form) });
  expect(response.status, await response.text()).toBe(200);
  return token;
}

/** The citizen's yes to the call-back question, by e-mail; returns the request's id. */
async function askToBeContacted(token: string): Promise<number> {
  const form = { 'callback-method': 'email', 'callback-email': `terugbellen.${token.slice(0, 6)}@example.nl` };
  const response = await fetch(`${e2e.server.url}/s/${token}/terugbellen`, { method: 'POST', body: new URLSearchParams(form) });
  expect(response.status, await response.text()).toBe(200);
  return (e2e.server.db.$client.prepare('select max(id) id from callback_requests').get() as { id: number }).id;
}

const idIn = (location: string, prefix: string) => Number(new RegExp(`${prefix}/(\\d+)`).exec(location)![1]);

beforeAll(async () => {
  const { db, clock } = e2e.server;
  e2e.server.generateHistory({ days: 45, responses: 600, seed: 7 });
  generateDemoAppointments(db, { count: 4_000, days: 60, seed: 7 }, clock.now());
  await createStaff(db, clock, 'manager');
  const researcher = await createStaff(db, clock, 'researcher');

  const journey = db.$client.prepare("select id from journeys where slug = 'paspoort-aanvragen'").get() as { id: number };
  const touchpoint = db.$client.prepare('select id from touchpoints where journey_id = ? order by position').get(journey.id) as { id: number };
  const invitation = await invite();

  // Panel: one member confirms and is invited to a study; another's confirmation is still open.
  const member = await joinPanel('ans.layout@example.nl');
  await fetch(`${e2e.server.url}/burgerpanel/bevestigen/${tokenIn(mailText('panel-confirmation', member).body, '/burgerpanel/bevestigen')}`, { method: 'POST' });
  const pending = await joinPanel('bert.layout@example.nl');
  const confirmation = mailText('panel-confirmation', pending).body;

  const asResearcher = await signedIn('researcher');
  const study = idIn(
    await post(asResearcher, '/panel/onderzoeken', { title: 'Gesprek over de balie', purpose: 'Wat gaat er mis aan de balie?', journey: String(journey.id), invitationText: 'Wilt u een uur met ons praten?' }),
    '/panel/onderzoeken',
  );
  await post(asResearcher, `/panel/onderzoeken/${study}/uitnodigen`, { member: String(member) });

  const manager = await signedIn('manager');
  const today = clock.now().toISOString().slice(0, 10);
  const action = idIn(
    await post(manager, '/dashboard/verbeteracties', {
      journey: String(journey.id),
      touchpoint: String(touchpoint.id),
      title: 'Langer open op donderdag',
      owner: 'Team Burgerzaken',
      status: 'klaar',
      doneOn: today,
      publicSummary: 'De balie is op donderdag tot 20.00 uur open.',
      publish: 'ja',
    }),
    '/dashboard/verbeteracties',
  );
  await post(manager, '/dashboard/themas/codeboek', { name: 'Wachttijd', entries: 'wachten\nwachttijd\nlang' });
  const code = db.$client.prepare("select id from theme_codes where name = 'Wachttijd'").get() as { id: number };

  // Call-backs: a question still open to answer, an open request, and a closed one whose recovery mail went out.
  await createStaff(db, clock, 'kcc');
  const callbackQuestion = await answerUnhappily();
  const callback = await askToBeContacted(await answerUnhappily());
  await post(manager, `/dashboard/terugbellen/${await askToBeContacted(await answerUnhappily())}/afsluiten`, { outcome: 'solved' });
  const recovery = tokenIn(mailText('callback-recovery').body, '/terugbellen/beoordelen');

  // An appointment import as htmx starts it: the answer polls the job's own page.
  const admin = await signedIn('admin');
  const csv = 'referentie;product;locatie;kanaal;geboekt_op;start;status;herinnering_verstuurd_op;segment_wijk\r\nL-1;paspoort;Stadskantoor;web;01-10-2026 08:00;02-11-2026 09:30;verschenen;;Woensel\r\n';
  const started = await admin.request.post(`${e2e.server.url}/admin/appointments/import`, {
    headers: { 'HX-Request': 'true' },
    multipart: { bestand: { name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
  });
  const importJob = /\/admin\/appointments\/import\/([A-Za-z0-9_-]+)/.exec(await started.text())?.[1];

  // A chain journey with the SVB and a pension fund, and a shared action the hosting organisation owns.
  const chain = setUpChain(db, clock);
  const chainAction = db.$client
    .prepare("insert into improvement_actions (organisation_id, journey_id, touchpoint_id, title, owner, status, created_at) values (1, ?, ?, 'Overdracht naar de SVB verbeteren', 'Team Burgerzaken', 'gepland', ?)")
    .run(chain.journeyId, chain.step('aow'), clock.now().getTime()).lastInsertRowid;
  expect(importJob, `the import's status page in: ${await started.text()}`).toBeDefined();

  made = {
    journey: journey.id,
    touchpoint: touchpoint.id,
    action,
    code: code.id,
    study,
    member,
    importJob: importJob!,
    mail: invitation.id,
    survey: tokenIn(invitation.body, '/s'),
    optOut: tokenIn(invitation.body, '/afmelden'),
    setup: issueSetPasswordLink(db, researcher.id, clock.now()),
    confirm: tokenIn(confirmation, '/burgerpanel/bevestigen'),
    withdraw: tokenIn(confirmation, '/burgerpanel/afmelden'),
    // A renewal mail is only due months later; its link is made the way the renewal job makes it.
    renew: newLink(db, member, 'renew', clock.now()),
    studyAnswer: tokenIn(mailText('panel-invitation', member).body, '/burgerpanel/onderzoek'),
    callbackQuestion,
    callback,
    recovery,
    chain: CHAIN_SLUG,
    chainAction: Number(chainAction),
  };
}, 120_000);

describe('every page with an id is visited', () => {
  it('each GET route with an id has a path builder here, or is a download', () => {
    const idRoutes = routeTable.filter((rule) => rule.method === 'GET' && rule.path.includes(':')).map((rule) => rule.path);
    const missing = idRoutes.filter((path) => !(path in ID_PAGES) && !NOT_PAGES.includes(path));
    expect(missing, 'build a path for each new page with an id in ID_PAGES').toEqual([]);
    expect(Object.keys(ID_PAGES).filter((path) => !idRoutes.includes(path)), 'builders for routes that no longer exist').toEqual([]);
  });
});

describe('no sideways scrolling and no axe violations in Chromium', () => {
  for (const role of ROLES) {
    it(`every ${role} page at ${WIDTHS.join(' and ')} px`, async () => {
      const pages = staffPages(role);
      expect(pages).toContain(homeFor(role));
      const failures: string[] = [];
      // Both widths at once: each page has its own renderer, so two cores check two pages.
      await Promise.all(
        WIDTHS.map(async (width) => {
          const page = await signedIn(role, width);
          for (const path of pages) await visit(page, path, failures);
        }),
      );
      expect(failures.sort()).toEqual([]);
    }, 300_000);
  }

  it(`the citizen pages, the survey's error state and thank-you page at ${WIDTHS.join(' and ')} px`, async () => {
    const failures: string[] = [];
    for (const width of WIDTHS) {
      const page = await pageAt(width);
      for (const path of [...CITIZEN_PAGES, ...citizenIdPages()]) await visit(page, path, failures);
      // A fresh survey: sent empty (the error state), then answered (the thank-you page).
      await page.goto(`${e2e.server.url}/s/${tokenIn((await invite()).body, '/s')}`);
      const send = page.getByRole('button', { name: 'Versturen' });
      expect(await submitting(page, () => send.click())).toBe(422);
      await checkPage(page, `survey sent empty`, failures);
      for (const name of await page.evaluate(() => [...new Set(Array.from(document.querySelectorAll<HTMLInputElement>('input[type=radio]'), (input) => input.name))])) {
        await page.locator(`input[name="${name}"]`).first().check();
      }
      expect(await submitting(page, () => send.click())).toBe(200);
      await checkPage(page, 'survey thank-you page', failures);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('the survey on a phone', () => {
  it('each answer scale is one line, or rows of five; the consent checkbox is the full-size control', async () => {
    const page = await pageAt(390);
    await page.goto(`${e2e.server.url}/s/${made.survey}`);
    const scales = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.mh-scale'), (scale) => {
        const tops = Array.from(scale.children, (option) => Math.round(option.getBoundingClientRect().top));
        const rows = [...new Set(tops)].map((top) => tops.filter((t) => t === top).length);
        return { options: tops.length, rows, right: Math.max(...Array.from(scale.children, (option) => option.getBoundingClientRect().right)) };
      }),
    );
    expect(scales.map(({ options }) => options)).toEqual(expect.arrayContaining([7, 10]));
    for (const scale of scales) {
      expect(scale.rows.length === 1 || scale.rows.every((n) => n === 5), `a scale of ${scale.options} laid out as ${scale.rows.join('+')}`).toBe(true);
      expect(scale.right).toBeLessThanOrEqual(390);
    }
    const consent = await page.locator('#panel-consent').boundingBox();
    expect(consent!.width, 'the 13 px native box is too small for the consent step itself').toBeGreaterThanOrEqual(24);
  });
});
