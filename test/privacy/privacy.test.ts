/**
 * Privacy by design, end to end through the real app:
 * - data-subject requests: the export holds everything linked to the address and nothing of
 *   anyone else; erasure leaves no trace of the address (every text column of every table is
 *   searched) except its keyed hash in opt_outs when it is opted out; audited without the address;
 * - /admin/privacy: retention terms, last runs, "run now" (audited), admins only;
 * - the CLI: privacy export / erase / purge;
 * - aggregates below the minimum group size never shown or exported (pages and CSV);
 * - the statements from the configured organisation details, linked from every citizen page and
 *   mail; mails and pages name the journey and nothing of the case; no external assets, no referrer.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/api-keys/api-keys';
import { createApp } from '../../src/app';
import { routeTable } from '../../src/auth/access';
import { loadConfig } from '../../src/config';
import { openDb, type Db } from '../../src/db/client';
import { lastRetentionRuns, retentionRules } from '../../src/privacy/retention';
import { eraseSubject, findSubjectData, requestReference, subjectExport, summarise } from '../../src/privacy/subject-requests';
import { loadDemoJourneysIfEmpty } from '../../src/journeys/demo-journeys';
import { readContact } from '../../src/panel/panel';
import { loadSecrets } from '../../src/secrets';
import { nl } from '../../src/texts';
import { addressHash } from '../../src/tokens';
import { spawnCli } from '../helpers/cli';
import { answerSurvey, closeCase, count, mapPassportProduct, missAppointment, sendDueMail, whereFound } from '../helpers/privacy-fixtures';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, TEST_DATA_KEY, TestClock, type TestContext } from '../helpers/test-context';
import { mailTemplates } from '../../views/mail';
import { surveyTokenOf } from '../helpers/survey-link';

const TARGET = 'Jan.Jansen@Example.nl';
const target = TARGET.toLowerCase();
const OTHER = 'piet.pietersen@example.nl';

async function adminOf(ctx: TestContext) {
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  await createStaff(ctx.db, ctx.clock, 'admin');
  const { cookie } = await login(ctx.app, 'admin@gemeente.test');
  expect(cookie).toBeTruthy();
  return asStaff(ctx.app, cookie!);
}

async function managerOf(ctx: TestContext) {
  await createStaff(ctx.db, ctx.clock, 'manager');
  const { cookie } = await login(ctx.app, 'manager@gemeente.test');
  return asStaff(ctx.app, cookie!);
}

const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) });

/**
 * Two citizens with everything meethuis can hold: a journey survey with a comment and panel
 * membership, a missed appointment answered later, an invitation still open. The target's address
 * arrives in another case (upper case) once, to prove matching is on the normalised address.
 */
async function twoCitizens(ctx: TestContext) {
  mapPassportProduct(ctx.db);
  const stories: Record<string, { cases: string[]; comment: string; noShowComment: string; responseId: number; appointment: string }> = {};
  for (const [email, name] of [
    [TARGET, 'jan'],
    [OTHER, 'piet'],
  ] as const) {
    const journey = await closeCase(ctx, email, { segment: { district: name === 'jan' ? 'Centrum' : 'Noord' } });
    const comment = `Opmerking van ${name}: de balie ging te vroeg dicht`;
    const responseId = await answerSurvey(ctx, journey.token!, { comment, panel: { email: email.toLowerCase(), name: name === 'jan' ? 'Jan Jansen' : 'Piet', phone: '06 12345678' } });
    stories[name] = { cases: [journey.event.case.reference], comment, noShowComment: '', responseId, appointment: '' };
  }
  await sendDueMail(ctx);
  ctx.clock.advanceDays(91); // past the fatigue period: the same addresses may be asked again
  for (const [email, name] of [
    [TARGET, 'jan'],
    [OTHER, 'piet'],
  ] as const) {
    const noShowComment = `Bus van ${name} reed niet`;
    const missed = await missAppointment(ctx, email, { reason: 'anders', comment: noShowComment });
    stories[name]!.noShowComment = noShowComment;
    stories[name]!.appointment = missed.reference;
  }
  ctx.clock.advanceDays(91);
  for (const [email, name] of [
    [TARGET, 'jan'],
    [OTHER, 'piet'],
  ] as const) {
    const open = await closeCase(ctx, email);
    stories[name]!.cases.push(open.event.case.reference);
  }
  await sendDueMail(ctx);
  return stories as Record<'jan' | 'piet', (typeof stories)[string]>;
}

describe('data-subject requests', () => {
  it('finds and exports everything linked to the address, and nothing of anyone else', async () => {
    const ctx = createTestContext();
    const stories = await twoCitizens(ctx);
    const deps = { addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, clock: ctx.clock };
    const data = findSubjectData(ctx.db, deps, `  ${TARGET} `);
    expect(data.address).toBe(target);
    expect(summarise(data)).toMatchObject({
      invitations: 3, // the journey survey, "we hebben u gemist", the open one
      invitationsWithAddress: 1,
      appointments: 1,
      noShowAnswers: 1,
      responses: 1,
      answers: 3,
      panelMembers: 1,
      optedOut: false,
      events: 4, // the two case.closed events, and the appointment's booked and no-show events
    });
    expect(data.invitations.map((invitation) => [invitation.kind, invitation.status])).toEqual([
      ['journey', 'answered'],
      ['no-show', 'answered'],
      ['journey', 'open'],
    ]);
    expect(data.invitations[2]!.caseReference).toBe(stories.jan.cases[1]);
    expect(data.responses[0]!.answers.map((answer) => answer.touchpoint)).toEqual(['Afspraak maken', 'Aanvraag aan de balie', 'Document ophalen']);
    expect(data.responses[0]!.answers.find((answer) => answer.comment)?.comment).toBe(stories.jan.comment);
    expect(data.noShowAnswers[0]).toMatchObject({ reason: 'anders', comment: stories.jan.noShowComment });
    expect(data.appointments[0]).toMatchObject({ reference: stories.jan.appointment, product: 'paspoort' });
    expect(data.panel[0]).toMatchObject({ status: 'active', contact: { email: target, name: 'Jan Jansen', phone: '06 12345678' } });
    expect(data.panel[0]!.consents.map((consent) => consent.event)).toEqual(['given', 'confirmed']);
    expect(data.mails.map((mail) => mail.kind).sort()).toEqual(['invitation', 'invitation', 'invitation', 'panel-confirmation', 'reminder', 'reminder', 'reminder']);

    const exported = subjectExport(ctx.db, { ...deps, organisation: ctx.config.ORGANISATION_NAME }, TARGET);
    const json = JSON.stringify(exported);
    for (const mine of [target, stories.jan.comment, stories.jan.noShowComment, stories.jan.appointment, stories.jan.cases[1]!, 'Jan Jansen']) expect(json).toContain(mine);
    for (const theirs of [OTHER, 'Piet', stories.piet.comment, stories.piet.noShowComment, stories.piet.appointment, ...stories.piet.cases, 'Noord']) {
      expect(json, theirs).not.toContain(theirs);
    }
    // Never a token or its hash, nor the keyed address hash.
    expect(json).not.toMatch(/"tokenHash"|token_hash/);
    expect(json).not.toContain(addressHash(ctx.addressHashKey, target));

    // An address nobody has: nothing.
    expect(summarise(findSubjectData(ctx.db, deps, 'niemand@example.nl')).total).toBe(0);
  });

  it('erasure leaves no trace of the address except its keyed hash in opt_outs; the other citizen and the roll-ups are untouched', async () => {
    const ctx = createTestContext();
    const stories = await twoCitizens(ctx);
    const deps = { addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, clock: ctx.clock };
    const hash = addressHash(ctx.addressHashKey, target);
    const rollups = () => ctx.db.$client.prepare('SELECT sum(n) AS n, sum(grade_sum) AS g FROM response_rollups').get();
    const rollupsBefore = rollups();
    const otherBefore = summarise(findSubjectData(ctx.db, deps, OTHER));
    expect(whereFound(ctx.db, target).length).toBeGreaterThan(0);

    const report = eraseSubject(ctx.db, deps, TARGET, { optOut: true });
    expect(report).toMatchObject({ responsesDeleted: 1, answersDeleted: 3, noShowAnswersDeleted: 1, invitationsAnonymised: 3, appointmentsAnonymised: 1, panelMembersErased: 1, eventsMinimised: 4, optedOut: true });

    // Every text column of every table: the address, its parts that identify, and what was linked to it.
    for (const trace of [target, 'jan.jansen', 'Jan Jansen', stories.jan.comment, stories.jan.noShowComment, stories.jan.appointment, ...stories.jan.cases]) {
      expect(whereFound(ctx.db, trace), trace).toEqual([]);
    }
    // The keyed hash: only the opt-out keeps it.
    expect(whereFound(ctx.db, hash)).toEqual(['opt_outs.address_hash (1)']);
    // Encrypted contact details are gone too (they cannot be searched as text).
    const contacts = ctx.db.$client.prepare('SELECT contact FROM panel_members WHERE contact IS NOT NULL').pluck().all() as string[];
    expect(contacts.map((contact) => readContact({ dataKey: TEST_DATA_KEY }, { contact })!.email)).toEqual([OTHER]);
    expect(summarise(findSubjectData(ctx.db, deps, TARGET))).toMatchObject({ total: 1, optedOut: true, invitations: 0 });

    // The other citizen keeps everything; the anonymous daily totals are unchanged.
    expect(summarise(findSubjectData(ctx.db, deps, OTHER))).toEqual(otherBefore);
    expect(rollups()).toEqual(rollupsBefore);
    // Opted out: a new case for the address is not mailed.
    expect((await closeCase(ctx, TARGET)).status).toBe('suppressed');
    expect(ctx.db.$client.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('erasure without opt-out keeps nothing at all, and a new case may invite again', async () => {
    const ctx = createTestContext();
    await twoCitizens(ctx);
    const deps = { addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, clock: ctx.clock };
    expect(eraseSubject(ctx.db, deps, TARGET, { optOut: false }).optedOut).toBe(false);
    expect(whereFound(ctx.db, target)).toEqual([]);
    expect(whereFound(ctx.db, addressHash(ctx.addressHashKey, target))).toEqual([]);
    expect((await closeCase(ctx, TARGET)).status).toBe('accepted');
    // An opt-out the citizen asked for earlier is always kept.
    const before = await closeCase(ctx, 'afgemeld@example.nl');
    await ctx.app.request(`/afmelden/${before.token}`, { method: 'POST' });
    eraseSubject(ctx.db, deps, 'afgemeld@example.nl', { optOut: false });
    expect(count(ctx.db, 'SELECT count(*) AS n FROM opt_outs WHERE address_hash = ?', addressHash(ctx.addressHashKey, 'afgemeld@example.nl'))).toBe(1);
  });

  it('the request pages: admins only, search, JSON download and confirmed erasure, audited without the address', async () => {
    const ctx = createTestContext();
    const stories = await twoCitizens(ctx);
    const admin = await adminOf(ctx);
    const manager = await managerOf(ctx);
    for (const [method, path] of [
      ['GET', '/admin/privacy/verzoek'],
      ['POST', '/admin/privacy/verzoek'],
      ['POST', '/admin/privacy/verzoek/export'],
      ['POST', '/admin/privacy/verzoek/wissen'],
    ] as const) {
      expect((await manager(path, { method, body: method === 'POST' ? new URLSearchParams({ email: TARGET, bevestig: 'ja' }) : undefined })).status, path).toBe(403);
      // Not signed in: a page sends to the login (303), a form post is refused (401).
      expect((await ctx.app.request(path, { method })).status, path).toBe(method === 'GET' ? 303 : 401);
    }
    expect(count(ctx.db, 'SELECT count(*) AS n FROM responses')).toBe(2);

    const empty = await admin('/admin/privacy/verzoek');
    expect(empty.status).toBe(200);
    expect(empty.headers.get('Cache-Control')).toBe('no-store');

    const invalid = await admin('/admin/privacy/verzoek', form({ email: 'geen-adres' }));
    expect(invalid.status).toBe(422);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain(nl.privacy.request.errorEmail);
    expect(invalidHtml).toContain('value="geen-adres"');

    const found = await admin('/admin/privacy/verzoek', form({ email: TARGET }));
    expect(found.status).toBe(200);
    const html = await found.text();
    const reference = requestReference(ctx.addressHashKey, TARGET);
    expect(html).toContain(reference);
    expect(/data-count="responses">(\d+)</.exec(html)![1]).toBe('1');
    expect(/data-count="invitations">(\d+)</.exec(html)![1]).toBe('3');
    expect(/data-count="panelMembers">(\d+)</.exec(html)![1]).toBe('1');

    const download = await admin('/admin/privacy/verzoek/export', form({ email: TARGET }));
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Type')).toContain('application/json');
    expect(download.headers.get('Content-Disposition')).toMatch(/^attachment; filename="gegevens-[0-9a-f]{16}-\d{4}-\d{2}-\d{2}\.json"$/);
    const exported = (await download.json()) as { address: string; responses: unknown[]; format: string };
    expect(exported).toMatchObject({ format: 'meethuis-subject-export/1', address: target });
    expect(exported.responses).toHaveLength(1);

    // Erasing needs the confirmation; without it nothing changes.
    const unconfirmed = await admin('/admin/privacy/verzoek/wissen', form({ email: TARGET, afmelden: 'ja' }));
    expect(unconfirmed.status).toBe(422);
    expect(await unconfirmed.text()).toContain(nl.privacy.request.errorConfirm);
    expect(count(ctx.db, 'SELECT count(*) AS n FROM responses')).toBe(2);

    const erased = await admin('/admin/privacy/verzoek/wissen', form({ email: TARGET, afmelden: 'ja', bevestig: 'ja' }));
    expect(erased.status).toBe(200);
    const erasedHtml = await erased.text();
    expect(erasedHtml).toContain(nl.privacy.request.erasedTitle);
    expect(erasedHtml).not.toContain(target);
    expect(count(ctx.db, 'SELECT count(*) AS n FROM responses')).toBe(1);
    expect(whereFound(ctx.db, target)).toEqual([]);
    expect(whereFound(ctx.db, stories.jan.comment)).toEqual([]);

    // Audited: who, what, which request — never the address.
    const lines = ctx.db.$client.prepare("SELECT action, object, result, actor, details FROM audit_log WHERE action LIKE 'privacy.%' ORDER BY id").all() as {
      action: string;
      object: string;
      actor: string;
      details: string;
    }[];
    expect(lines.map((line) => line.action)).toEqual(['privacy.request.searched', 'privacy.request.exported', 'privacy.request.erased']);
    expect(new Set(lines.map((line) => line.object))).toEqual(new Set([reference]));
    expect(lines.every((line) => line.actor === 'admin@gemeente.test')).toBe(true);
    expect(JSON.parse(lines[2]!.details)).toMatchObject({ responsesDeleted: 1, optedOut: true });
    expect(count(ctx.db, "SELECT count(*) AS n FROM audit_log WHERE lower(coalesce(object, '') || coalesce(details, '')) LIKE '%jan%'")).toBe(0);
  });
});

describe('/admin/privacy', () => {
  it('warns the administrator when the statements give citizens no way to reach the organisation', async () => {
    const ctx = createTestContext();
    const admin = await adminOf(ctx);
    expect(await (await admin('/admin/privacy')).text()).toContain(nl.privacy.admin.contactMissing);
  });

  it('shows the terms in effect and the last run of each purge; "run now" runs them and is audited', async () => {
    const ctx = createTestContext({ RETENTION_RESPONSES_MONTHS: '18', RETENTION_COMMENTS_MONTHS: '6', ORGANISATION_EMAIL: 'privacy@voorbeeld.nl' });
    const admin = await adminOf(ctx);
    const before = await (await admin('/admin/privacy')).text();
    expect(before).toContain(nl.privacy.admin.jobNever);
    for (const rule of retentionRules) expect(before).toContain(`data-rule="${rule}"`);
    expect(before).toContain('18 maanden');
    expect(before).toContain('6 maanden');
    expect(before).toContain('privacy@voorbeeld.nl');
    // A way to reach the organisation is set: no warning.
    expect(before).not.toContain(nl.privacy.admin.contactMissing);
    expect(/data-setting="PRIVACY_OFFICER_EMAIL">([^<]*)</.exec(before)![1]).toBe(nl.privacy.admin.notSet);

    const old = await closeCase(ctx, 'oud@example.nl');
    await answerSurvey(ctx, old.token!);
    ctx.clock.advanceDays(550);
    // A new session: the old one ended long ago.
    const { cookie } = await login(ctx.app, 'admin@gemeente.test');
    const again = asStaff(ctx.app, cookie!);
    const ran = await again('/admin/privacy/opschonen', { method: 'POST' });
    expect(ran.status).toBe(303);
    expect(ran.headers.get('Location')).toBe('/admin/privacy?melding=opgeschoond');
    expect(count(ctx.db, 'SELECT count(*) AS n FROM responses')).toBe(0);
    const after = await (await again('/admin/privacy?melding=opgeschoond')).text();
    const runs = lastRetentionRuns(ctx.db);
    expect(runs.job).toMatchObject({ complete: true, trigger: expect.stringMatching(/^admin:\d+$/) });
    expect(after).toContain(nl.privacy.admin.ran(runs.job!.rows, true));
    expect(/data-rule="responses"[\s\S]*?data-rows[^>]*>([^<]*)</.exec(after)![1]).toBe('1');
    expect(/data-rule="responses"[\s\S]*?data-result[^>]*>([^<]*)</.exec(after)![1]).toBe(nl.privacy.admin.resultOk);
    expect(ctx.db.$client.prepare("SELECT action, result, actor FROM audit_log WHERE action = 'privacy.retention.run'").all()).toEqual([
      { action: 'privacy.retention.run', result: 'success', actor: 'admin@gemeente.test' },
    ]);

    const manager = await managerOf(ctx);
    expect((await manager('/admin/privacy')).status).toBe(403);
    expect((await manager('/admin/privacy/opschonen', { method: 'POST' })).status).toBe(403);
  });
});

// ── The CLI, as an operator runs it ─────────────────────────────────────────────────────────


describe('CLI: privacy export, erase, purge', () => {
  let dir: string;
  let databasePath: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meethuis-privacy-'));
    databasePath = join(dir, 'data', 'meethuis.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => spawnCli(databasePath, args);

  /** The CLI's database file with the real app on top, using the same generated secrets. */
  async function withApp<T>(use: (ctx: TestContext) => Promise<T>): Promise<T> {
    const config = loadConfig({ DATABASE_PATH: databasePath, PUBLIC_URL: 'http://meethuis.test' });
    const secrets = loadSecrets(databasePath, {});
    const db: Db = openDb(databasePath);
    const clock = new TestClock(new Date());
    loadDemoJourneysIfEmpty(db, clock);
    const app = createApp({ db, config, clock, addressHashKey: secrets.addressHashKey, dataKey: secrets.dataKey, mailbox: true });
    const existing = db.$client.prepare('SELECT count(*) AS n FROM api_keys').get() as { n: number };
    const apiKey = existing.n === 0 ? createApiKey(db, 'cli-test', clock).key : '';
    const ctx: TestContext = {
      db,
      config,
      clock,
      app,
      apiKey,
      addressHashKey: secrets.addressHashKey,
      mail: mailTemplates,
      postEvent(body) {
        return Promise.resolve(
          app.request('/api/v1/events', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.apiKey}` }, body: JSON.stringify(body) }),
        );
      },
    };
    try {
      return await use(ctx);
    } finally {
      db.$client.close();
    }
  }

  it('exports, refuses to erase without --yes, erases, and purges', async () => {
    // The first command creates the database and its secrets.
    const help = await cli('privacy');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('privacy export --email E');
    await withApp(async (ctx) => {
      const mine = await closeCase(ctx, TARGET);
      await answerSurvey(ctx, mine.token!, { comment: 'Lange wachttijd' });
      const theirs = await closeCase(ctx, OTHER);
      await answerSurvey(ctx, theirs.token!);
    });

    const bad = await cli('privacy', 'export', '--email', 'geen-adres');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--email');

    const file = join(dir, 'export.json');
    const exported = await cli('privacy', 'export', '--email', TARGET, '--out', file);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/written to .*export\.json \(verzoek:[0-9a-f]{16}\)/);
    const json = readFileSync(file, 'utf8');
    expect(JSON.parse(json)).toMatchObject({ address: target, responses: [{ answers: expect.arrayContaining([expect.objectContaining({ comment: 'Lange wachttijd' })]) }] });
    expect(json).not.toContain(OTHER);

    const refused = await cli('privacy', 'erase', '--email', TARGET);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    await withApp(async (ctx) => expect(count(ctx.db, 'SELECT count(*) AS n FROM responses')).toBe(2));

    const erased = await cli('privacy', 'erase', '--email', TARGET, '--yes', '--opt-out');
    expect(erased.code, erased.stderr).toBe(0);
    expect(erased.stdout).toContain('1 responses');
    expect(erased.stdout).toContain('stays opted out');
    await withApp(async (ctx) => {
      expect(count(ctx.db, 'SELECT count(*) AS n FROM responses')).toBe(1);
      expect(whereFound(ctx.db, target)).toEqual([]);
      expect(whereFound(ctx.db, addressHash(ctx.addressHashKey, target))).toEqual(['opt_outs.address_hash (1)']);
      expect(ctx.db.$client.prepare("SELECT action, actor FROM audit_log WHERE action LIKE 'privacy.%' ORDER BY id").all()).toEqual([
        { action: 'privacy.request.exported', actor: 'cli' },
        { action: 'privacy.request.erased', actor: 'cli' },
      ]);
    });

    const purged = await cli('privacy', 'purge');
    expect(purged.code, purged.stderr).toBe(0);
    expect(purged.stdout).toMatch(/^responses\s+0 rows/m);
    expect(purged.stdout).toMatch(/Retention: \d+ rows in \d+ batches\./);
    await withApp(async (ctx) => expect(lastRetentionRuns(ctx.db).job).toMatchObject({ trigger: 'cli', complete: true }));

    const unknown = await cli('privacy', 'vergeet');
    expect(unknown.code).toBe(2);
    expect(existsSync(file)).toBe(true);
  }, 60_000);
});

// ── The minimum group size ──────────────────────────────────────────────────────────────────

describe('minimum group size', () => {
  it('never shows or exports an aggregate of fewer answers than MIN_GROUP_SIZE, on any dashboard page or CSV', async () => {
    const ctx = createTestContext();
    expect(ctx.config.MIN_GROUP_SIZE).toBe(10);
    // Twelve in Centrum who felt positive; three in Noord with a distinctive, unshown mean (−1,67; grade 3,33).
    for (let i = 0; i < 12; i++) {
      const invitation = await closeCase(ctx, `centrum${i}@example.nl`, { segment: { district: 'Centrum' } });
      await answerSurvey(ctx, invitation.token!, { feelings: ['1', '1', '1'], grade: '8' });
    }
    for (const [i, feeling, grade] of [
      [0, '-2', '3'],
      [1, '-2', '3'],
      [2, '-1', '4'],
    ] as const) {
      const invitation = await closeCase(ctx, `noord${i}@example.nl`, { segment: { district: 'Noord' } });
      await answerSurvey(ctx, invitation.token!, { feelings: [feeling, feeling, feeling], grade });
    }
    // Four appointments at one small location: 3 of 4 missed (75%), too few to show.
    mapPassportProduct(ctx.db);
    for (let i = 0; i < 3; i++) await missAppointment(ctx, `gemist${i}@example.nl`);
    const manager = await managerOf(ctx);

    const noordMean = /[-−]1[,.]6[67]|[-−]1[,.]7\b/;
    const noordGrade = /\b3[,.]3\d*/;
    const urls = [
      '/dashboard?reis=paspoort-aanvragen&vergelijk=district',
      '/dashboard?reis=paspoort-aanvragen&segment=district:Noord',
      '/dashboard?reis=paspoort-aanvragen&segment=district:Noord&per=maand',
      '/dashboard/export.csv?reis=paspoort-aanvragen&vergelijk=district',
      '/dashboard/export.csv?reis=paspoort-aanvragen&segment=district:Noord',
      // Every other dashboard page in the route table, with the small group selected.
      ...routeTable
        .filter((rule) => rule.method === 'GET' && rule.path.startsWith('/dashboard') && !rule.path.includes(':') && !/export\.csv|no-shows|nieuw/.test(rule.path))
        .map((rule) => `${rule.path}?reis=paspoort-aanvragen&segment=district:Noord`),
      '/verbeteringen',
      '/resultaten',
    ];
    const shown: string[] = [];
    for (const url of [...new Set(urls)]) {
      const response = await manager(url);
      expect(response.status, url).toBe(200);
      const body = await response.text();
      // Counts in chart data ("n":[3,3,3]) are not means.
      const text = body.replace(/\[(?:\d+,)*\d+\]/g, '[]');
      if (noordMean.test(text) || noordGrade.test(text)) shown.push(`${url}: ${(noordMean.exec(text) ?? noordGrade.exec(text))![0]}`);
    }
    expect(shown).toEqual([]);

    // The comparison: Centrum shown, Noord named only as hidden; the CSV has no row for Noord's values.
    const csv = await (await manager('/dashboard/export.csv?reis=paspoort-aanvragen&vergelijk=district')).text();
    const rows = csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(';'));
    const header = rows[0]!;
    const at = (name: string) => header.indexOf(name);
    for (const row of rows.slice(1)) {
      const n = Number(row[at('n')]);
      if (n < 10) {
        expect([row[at('gemiddelde')], row[at('interval_laag')], row[at('interval_hoog')], row[at('aandeel_7_of_hoger')]], row.join(';')).toEqual(['', '', '', '']);
      }
    }
    expect(rows.some((row) => row[at('groep')] === 'district=Noord')).toBe(false);
    expect(rows.some((row) => row[at('groep')] === 'district=Centrum' && row[at('gemiddelde')] !== '')).toBe(true);

    // No-shows: 3 of 3 (100%) missed at a small group: no rate on the page, none in the CSV.
    for (const url of ['/dashboard/no-shows', '/dashboard/no-shows?product=paspoort', '/dashboard/no-shows/export.csv', '/dashboard/no-shows/export.csv?segment=district']) {
      const body = await (await manager(url)).text();
      expect(body, url).not.toMatch(/100\s?%|\b1[,.]000\b/);
    }
    const noShowCsv = (await (await manager('/dashboard/no-shows/export.csv')).text()).replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(';'));
    const h = noShowCsv[0]!;
    for (const row of noShowCsv.slice(1)) {
      if (Number(row[h.indexOf('met_uitkomst')]) < 10) {
        expect([row[h.indexOf('niet_gekomen')], row[h.indexOf('no_show_aandeel')], row[h.indexOf('interval_laag')]], row.join(';')).toEqual(['', '', '']);
      }
    }
  });
});

// ── Statements, links, what mails and pages reveal, external assets ─────────────────────────

describe('statements and what citizens see', () => {
  const organisation = {
    ORGANISATION_NAME: 'Gemeente Testdorp',
    ORGANISATION_EMAIL: 'info@testdorp.nl',
    ORGANISATION_PHONE: '14 0123',
    ORGANISATION_ADDRESS: 'Postbus 1, 1234 AB Testdorp',
    ORGANISATION_URL: 'https://www.testdorp.nl',
    PRIVACY_OFFICER_EMAIL: 'fg@testdorp.nl',
    ACCESSIBILITY_STATUS: 'B',
    ACCESSIBILITY_STATEMENT_DATE: '2026-10-01',
    RETENTION_RESPONSES_MONTHS: '18',
    RETENTION_COMMENTS_MONTHS: '6',
    RETENTION_MAIL_DAYS: '14',
  };

  it('/privacy names purpose, legal bases, the terms in effect, rights, contact, the FG and the Autoriteit Persoonsgegevens', async () => {
    const ctx = createTestContext(organisation);
    const response = await ctx.app.request('/privacy');
    expect(response.status).toBe(200);
    const html = (await response.text()).replace(/&#39;|&#x27;/g, "'");
    for (const text of [
      'Gemeente Testdorp',
      'artikel 6, lid 1, onder e',
      'artikel 6, lid 1, onder a',
      'Uw antwoorden: 18 maanden',
      'in uw eigen woorden schreef: 6 maanden',
      'Verstuurde e-mails: 14 dagen',
      'na 30 dagen',
      'één keer per 90 dagen',
      '3 jaar',
      'minstens 10 mensen',
      'info@testdorp.nl',
      '14 0123',
      'Postbus 1, 1234 AB Testdorp',
      'fg@testdorp.nl',
      'Autoriteit Persoonsgegevens',
      'bezwaar',
    ]) {
      expect(html, text).toContain(text);
    }
    const plain = createTestContext();
    const plainHtml = await (await plain.app.request('/privacy')).text();
    expect(plainHtml).not.toContain('Functionaris gegevensbescherming');
    expect(plainHtml).toContain('Uw antwoorden: 2 jaar');
  });

  it('/toegankelijkheid follows the DigiToegankelijk model: scope, status, date, how it is checked, contact, complaint route', async () => {
    const ctx = createTestContext(organisation);
    const html = await (await ctx.app.request('/toegankelijkheid')).text();
    for (const text of ['Toegankelijkheidsverklaring', 'meethuis.test', 'B — voldoet gedeeltelijk', '2026-10-01', 'WCAG 2.1', 'info@testdorp.nl', 'Nationale ombudsman']) {
      expect(html, text).toContain(text);
    }
    expect(await (await createTestContext().app.request('/toegankelijkheid')).text()).toContain('C — eerste maatregelen genomen');
    expect(() => loadConfig({ ACCESSIBILITY_STATUS: 'F' })).toThrow(/ACCESSIBILITY_STATUS/);
    expect(() => loadConfig({ ORGANISATION_EMAIL: 'geen adres' })).toThrow(/ORGANISATION_EMAIL/);
  });

  /** Attribute values that make the browser fetch or go somewhere, and CSS url()s. */
  function urlsIn(html: string): { kind: string; url: string }[] {
    const found: { kind: string; url: string }[] = [];
    for (const match of html.matchAll(/<(\w+)\b[^>]*?\s(src|href|action|srcset|poster|data|formaction)\s*=\s*"([^"]*)"/gi)) {
      found.push({ kind: `${match[1]!.toLowerCase()}[${match[2]!.toLowerCase()}]`, url: match[3]! });
    }
    for (const match of html.matchAll(/url\(\s*['"]?([^'")]+)/gi)) found.push({ kind: 'css-url', url: match[1]! });
    for (const match of html.matchAll(/@import\s+['"]([^'"]+)/gi)) found.push({ kind: 'css-import', url: match[1]! });
    return found;
  }
  const external = (url: string) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url) && !url.startsWith('http://meethuis.test/');

  it('citizen pages: no external assets, no external links where a token is in the URL, no referrer; statements linked everywhere', async () => {
    const ctx = createTestContext();
    mapPassportProduct(ctx.db);
    const journey = await closeCase(ctx, 'burger@example.nl');
    const answered = await closeCase(ctx, 'beantwoord@example.nl');
    const missed = await missAppointment(ctx, 'gemist@example.nl');
    const noShowToken = surveyTokenOf(ctx.db, missed.invitationId);
    const surveyPage = await ctx.app.request(`/s/${answered.token}`);
    const consentPage = await surveyPage.text();
    const hash = /name="panel-text-hash" value="([0-9a-f]{64})"/.exec(consentPage)![1]!;
    const thanks = await ctx.app.request(`/s/${answered.token}`, {
      method: 'POST',
      body: new URLSearchParams({ 'feeling-afspraak-maken': '1', 'feeling-balie': '1', 'feeling-ophalen': '1', grade: '8', effort: '6', 'panel-consent': 'ja', 'panel-email': 'beantwoord@example.nl', 'panel-text-hash': hash }),
    });
    const panelMail = ctx.db.$client.prepare("SELECT text_body FROM outbox WHERE kind = 'panel-confirmation'").pluck().get() as string;
    const confirmPath = /\/burgerpanel\/bevestigen\/[A-Za-z0-9_-]+/.exec(panelMail)![0];
    const withdrawPath = /\/burgerpanel\/afmelden\/[A-Za-z0-9_-]+/.exec(panelMail)![0];

    const pages: { label: string; response: Response; token: boolean }[] = [
      { label: 'home', response: await ctx.app.request('/'), token: false },
      { label: 'privacy', response: await ctx.app.request('/privacy'), token: false },
      { label: 'toegankelijkheid', response: await ctx.app.request('/toegankelijkheid'), token: false },
      { label: 'survey', response: await ctx.app.request(`/s/${journey.token}`), token: true },
      { label: 'survey invalid', response: await ctx.app.request(`/s/${journey.token}`, { method: 'POST', body: new URLSearchParams({ grade: '99' }) }), token: true },
      { label: 'thanks', response: thanks, token: true },
      { label: 'already answered', response: await ctx.app.request(`/s/${answered.token}`), token: true },
      { label: 'no-show survey', response: await ctx.app.request(`/s/${noShowToken}`), token: true },
      { label: 'unknown link', response: await ctx.app.request('/s/onbekend-token-met-voldoende-lengte-123'), token: true },
      { label: 'opt-out', response: await ctx.app.request(`/afmelden/${journey.token}`), token: true },
      { label: 'panel confirm', response: await ctx.app.request(confirmPath), token: true },
      { label: 'panel withdraw', response: await ctx.app.request(withdrawPath), token: true },
      { label: 'opted out', response: await ctx.app.request(`/afmelden/${journey.token}`, { method: 'POST' }), token: true },
      { label: 'not found', response: await ctx.app.request('/bestaat-niet'), token: false },
    ];
    for (const { label, response, token } of pages) {
      expect(response.headers.get('Referrer-Policy'), label).toBe('no-referrer');
      expect(response.headers.get('Content-Security-Policy'), label).toContain("default-src 'self'");
      const html = await response.text();
      expect(html, label).toContain('href="/privacy"');
      expect(html, label).toContain('href="/toegankelijkheid"');
      const urls = urlsIn(html);
      const assets = urls.filter((url) => !url.kind.startsWith('a[') && external(url.url));
      expect(assets, `${label}: external assets`).toEqual([]);
      if (token) expect(urls.filter((url) => external(url.url)), `${label}: external links next to a token`).toEqual([]);
      // Links that do leave the site (on the statements) send no referrer and are marked as such.
      for (const match of html.matchAll(/<a\b[^>]*href="(https?:[^"]+)"[^>]*>/g)) expect(match[0], label).toContain('noreferrer');
      if (label.startsWith('survey') || label === 'thanks') {
        expect(response.headers.get('Cache-Control'), label).toContain('no-store');
      }
    }
    for (const stylesheet of ['/assets/utrecht.css', '/assets/theme.css', '/assets/app.css']) {
      const css = await (await ctx.app.request(stylesheet)).text();
      expect(urlsIn(css).filter((url) => external(url.url)), stylesheet).toEqual([]);
    }
  });

  it('mails and survey pages name the journey and nothing of the case; every mail links both statements', async () => {
    const ctx = createTestContext();
    mapPassportProduct(ctx.db);
    const closed = await closeCase(ctx, 'burger@example.nl', { segment: { district: 'Woensel', ageBand: '65+' } });
    const missed = await missAppointment(ctx, 'gemist@example.nl');
    type Mail = { id: number; kind: string; subject: string; text_body: string | null; html_body: string | null };
    const outboxNow = () => ctx.db.$client.prepare('SELECT id, kind, subject, text_body, html_body FROM outbox').all() as Mail[];
    // Read each mail as written: answering erases the survey mails' bodies at once.
    const written = new Map(outboxNow().map((mail) => [mail.id, mail]));
    await answerSurvey(ctx, closed.token!, { panel: { email: 'burger@example.nl' } });
    for (const mail of outboxNow()) if (!written.has(mail.id)) written.set(mail.id, mail);
    // A reminder is written only when it is due: the missed appointment's, sent to the embedded mailbox (which keeps its bodies).
    ctx.clock.advanceDays(ctx.config.REMINDER_AFTER_DAYS);
    await sendDueMail(ctx);
    for (const mail of outboxNow()) if (written.get(mail.id)?.text_body === null) written.set(mail.id, mail);
    const mails = [...written.values()];
    const rendered = mails.filter((mail) => mail.text_body !== null);
    expect(new Set(rendered.map((mail) => mail.kind))).toEqual(new Set(['invitation', 'reminder', 'panel-confirmation']));
    const secrets = [closed.event.case.reference, 'paspoort-aanvragen', 'Woensel', '65+', missed.reference, 'Stadskantoor', 'burger@example.nl', 'gemist@example.nl'];
    for (const mail of mails) {
      const all = `${mail.subject}\n${mail.text_body}\n${mail.html_body}`;
      for (const secret of secrets) expect(all, `${mail.kind}: ${secret}`).not.toContain(secret);
    }
    for (const mail of rendered) {
      expect(mail.text_body, mail.kind).toContain('http://meethuis.test/privacy');
      expect(mail.text_body, mail.kind).toContain('http://meethuis.test/toegankelijkheid');
      expect(mail.html_body, mail.kind).toContain('href="http://meethuis.test/toegankelijkheid"');
      expect(urlsIn(mail.html_body ?? '').filter((url) => external(url.url)), mail.kind).toEqual([]);
    }
    const journeyMails = mails.filter((mail) => mail.kind === 'invitation');
    expect(journeyMails.some((mail) => mail.subject.includes('Paspoort of ID-kaart aanvragen'))).toBe(true);

    const fresh = await closeCase(ctx, 'nieuw@example.nl', { segment: { district: 'Woensel' } });
    const page = await (await ctx.app.request(`/s/${fresh.token}`)).text();
    expect(page).toContain('Paspoort of ID-kaart aanvragen');
    // (The panel block offers the citizen's own address, from their own link, to sign up with.)
    for (const secret of [fresh.event.case.reference, 'paspoort-aanvragen', 'Woensel']) expect(page, secret).not.toContain(secret);
  });
});
