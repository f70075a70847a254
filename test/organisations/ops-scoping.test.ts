/**
 * Issue 24: call-backs, the panel, no-shows and data-subject requests are each organisation's
 * own. Two organisations each get a journey, events with their own API key, a survey answered
 * through the real form (a call-back request and a panel sign-up carrying a word and a name of
 * their own) and no-show appointments; the staff of each open every page, export and CLI
 * command of these parts and never see the other's, and the other's ids answer 404.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/api-keys/api-keys';
import { queueCallbackAlerts } from '../../src/callbacks/alerts';
import { callbackFigures } from '../../src/callbacks/figures';
import { callbackRequests, HOSTING_ORGANISATION_ID, outbox, panelConsents, panelConsentTexts, panelMembers, responses, studies, studyParticipants } from '../../src/db/schema';
import { importJourney } from '../../src/journeys/journeys';
import { createOrganisation } from '../../src/organisations/organisations';
import { findSubjectData } from '../../src/privacy/subject-requests';
import type { Role } from '../../src/db/schema';
import { mailTemplates } from '../../views/mail';
import { spawnCli } from '../helpers/cli';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { surveyPathOf } from '../helpers/survey-link';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';

interface Side {
  organisationId: number;
  slug: string;
  name: string;
  /** The word in this organisation's citizen's comment and in its no-show location. */
  word: string;
  /** The panel member's name. */
  person: string;
  email: string;
  key?: string;
  callbackId: number;
  memberId: number;
  staff: Record<Extract<Role, 'kcc' | 'manager' | 'researcher' | 'admin'>, ReturnType<typeof asStaff>>;
}

let dir: string;
let ctx: TestContext;
const host = { organisationId: HOSTING_ORGANISATION_ID, slug: '', name: '', word: 'Zonnebloemveld', person: 'Henk Hoofdstad', email: 'henk.hoofdstad@example.nl' } as Side;
const partner = { slug: 'buurdorp', name: 'Gemeente Buurdorp', word: 'Klaproostoren', person: 'Bea Buurdorper', email: 'bea.buurdorper@example.nl' } as Side;
const others = (side: Side) => (side === host ? partner : host);
const text = async (response: Response | Promise<Response>) => (await response).text();

/** The survey through the real form: unhappy, a comment with the side's word, the panel consent with its name; then the call-back question by e-mail. */
async function answerSurvey(side: Side, caseType: string, touchpoint: string) {
  const event = caseClosedEvent({
    id: `ops-${side.word}`,
    case: { reference: `Z-${side.word}`, caseType },
    citizen: { email: side.email, language: 'nl' },
    touchpoints: [touchpoint],
  });
  const posted = await ctx.postEvent(event, side.key ? { key: side.key } : undefined);
  expect(posted.status).toBe(202);
  const { invitationId } = (await posted.json()) as { invitationId: number };
  const path = surveyPathOf(ctx.db, invitationId);
  const form = await text(ctx.app.request(path));
  const hash = /name="panel-text-hash" value="([0-9a-f]{64})"/.exec(form)![1]!;
  const submitted = await ctx.app.request(path, {
    method: 'POST',
    body: new URLSearchParams({
      grade: '2',
      effort: '2',
      [`feeling-${touchpoint}`]: '-2',
      [`comment-${touchpoint}`]: `Het ${side.word} was een ramp.`,
      // "Is uw vraag beantwoord?" where the journey asks it: nee.
      ...(form.includes('name="item-MH-BEANTWOORD"') ? { 'item-MH-BEANTWOORD': '3' } : {}),
      'panel-consent': 'ja',
      'panel-email': side.email,
      'panel-name': side.person,
      'panel-text-hash': hash,
    }),
  });
  const thanks = await submitted.text();
  expect(submitted.status, thanks.match(/<p[^>]*error[^>]*>[^<]*/g)?.join('\n')).toBe(200);
  expect(thanks).toContain('terugbellen');
  const asked = await ctx.app.request(`${path}/terugbellen`, {
    method: 'POST',
    body: new URLSearchParams({ 'callback-method': 'email', 'callback-email': side.email }),
  });
  expect(asked.status).toBe(200);
  const response = ctx.db.select().from(responses).where(eq(responses.invitationId, invitationId)).get()!;
  side.callbackId = ctx.db.select().from(callbackRequests).where(eq(callbackRequests.responseId, response.id)).get()!.id;
  side.memberId = ctx.db.select().from(panelMembers).where(eq(panelMembers.responseId, response.id)).get()!.id;
  // Confirmed through the link in the confirmation mail: an active member, found by the researchers.
  const confirmation = ctx.db.select().from(outbox).where(eq(outbox.panelMemberId, side.memberId)).get()!;
  const token = /\/burgerpanel\/bevestigen\/([A-Za-z0-9_-]+)/.exec(confirmation.textBody!)![1]!;
  expect((await ctx.app.request(`/burgerpanel/bevestigen/${token}`, { method: 'POST' })).status).toBe(200);
}

async function noShow(side: Side, n: number) {
  for (let i = 0; i < n; i++) {
    const startsAt = new Date(ctx.clock.now().getTime() - (2 + i) * 86_400_000);
    const response = await ctx.postEvent(
      {
        id: `ops-no-show-${side.word}-${i}`,
        type: 'appointment.no_show',
        occurredAt: ctx.clock.now().toISOString(),
        appointment: { reference: `A-${i}`, product: 'rijbewijs', location: `${side.word}loket`, channel: 'web', startsAt: startsAt.toISOString() },
      },
      side.key ? { key: side.key } : undefined,
    );
    expect(response.status).toBe(202);
  }
}

async function signIn(side: Side) {
  const staff = {} as Side['staff'];
  for (const role of ['kcc', 'manager', 'researcher', 'admin'] as const) {
    const user = await createStaff(ctx.db, ctx.clock, role, `${role}@${side.slug || 'hoofdstad'}.test`, side.organisationId);
    staff[role] = asStaff(ctx.app, (await login(ctx.app, user.email)).cookie!);
  }
  side.staff = staff;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meethuis-ops-scoping-'));
  ctx = createTestContext({ DATABASE_PATH: join(dir, 'data', 'meethuis.db'), ORGANISATION_NAME: 'Gemeente Hoofdstad' });
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  host.name = 'Gemeente Hoofdstad';
  const organisation = createOrganisation(ctx.db, ctx.clock, { name: partner.name, slug: partner.slug });
  partner.organisationId = organisation.id;
  importJourney(
    ctx.db,
    {
      slug: 'reisdocument',
      name: 'Reisdocument',
      type: 'feitelijk',
      caseTypes: ['reisdocument'],
      touchpoints: [{ slug: 'loket', name: 'Aan het loket', channel: 'balie', momentOfTruth: true, askedByDefault: true }],
    },
    ctx.clock,
    organisation.id,
  );
  partner.key = createApiKey(ctx.db, 'buurdorp', ctx.clock, organisation.id).key;
  await signIn(host);
  await signIn(partner);
  // Both KCCs want an alert; each must hear only of their own organisation's request.
  for (const side of [host, partner]) expect((await side.staff.kcc('/dashboard/terugbellen/melding', { method: 'POST', body: new URLSearchParams({ aan: 'ja' }) })).status).toBe(303);
  ctx.clock.advanceMs(60_000);
  await answerSurvey(host, 'paspoort-aanvragen', 'balie');
  await answerSurvey(partner, 'reisdocument', 'loket');
  await noShow(host, 3);
  await noShow(partner, 3);
}, 60_000);
afterAll(() => {
  ctx?.db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['the hosting organisation', host],
  ['a partner organisation', partner],
])("%s's staff see only their own", (_label, side) => {
  const expectNothingOf = (body: string, other: Side) => {
    expect(body).not.toContain(other.word);
    expect(body).not.toContain(other.person);
    expect(body).not.toContain(other.email);
  };

  it('call-backs: the work list, the request page and every POST; the other organisation’s request is a 404 and stays as it was', async () => {
    const other = others(side);
    const list = await text(side.staff.kcc('/dashboard/terugbellen'));
    expect(list).toContain(`/dashboard/terugbellen/${side.callbackId}`);
    expect(list).not.toContain(`/dashboard/terugbellen/${other.callbackId}"`);
    for (const status of ['open', 'taken', 'closed']) expectNothingOf(await text(side.staff.manager(`/dashboard/terugbellen?status=${status}`)), other);

    const own = await text(side.staff.kcc(`/dashboard/terugbellen/${side.callbackId}`));
    expect(own).toContain(side.word);
    const contact = await text(side.staff.kcc(`/dashboard/terugbellen/${side.callbackId}/contact`, { method: 'POST' }));
    expect(contact).toContain(side.email);

    const before = ctx.db.select().from(callbackRequests).where(eq(callbackRequests.id, other.callbackId)).get();
    expect((await side.staff.kcc(`/dashboard/terugbellen/${other.callbackId}`)).status).toBe(404);
    for (const [path, body] of [
      ['contact', {}],
      ['oppakken', {}],
      ['poging', { attempt: 'bereikt' }],
      ['afsluiten', { outcome: 'solved', note: 'klaar' }],
    ] as const) {
      const response = await side.staff.kcc(`/dashboard/terugbellen/${other.callbackId}/${path}`, { method: 'POST', body: new URLSearchParams(body) });
      expect(response.status, path).toBe(404);
      expectNothingOf(await response.text(), other);
    }
    expect(ctx.db.select().from(callbackRequests).where(eq(callbackRequests.id, other.callbackId)).get()).toEqual(before);
  });

  it('panel: members, contact, consent proof and withdrawal of the other organisation’s member are a 404; studies invite and export only their own', async () => {
    const other = others(side);
    const members = await text(side.staff.researcher('/panel'));
    expect(members).toContain(`/panel/leden/${side.memberId}/`);
    expect(members).not.toContain(`/panel/leden/${other.memberId}/`);
    const contact = await text(side.staff.researcher(`/panel/leden/${side.memberId}/contact`, { method: 'POST' }));
    expect(contact).toContain(side.person);
    expectNothingOf(contact, other);

    expect((await side.staff.researcher(`/panel/leden/${other.memberId}/contact`, { method: 'POST' })).status).toBe(404);
    expect((await side.staff.researcher(`/panel/leden/${other.memberId}/toestemming`)).status).toBe(404);
    expect((await side.staff.researcher(`/panel/leden/${other.memberId}/intrekken`, { method: 'POST' })).status).toBe(404);
    expect(ctx.db.select({ status: panelMembers.status }).from(panelMembers).where(eq(panelMembers.id, other.memberId)).get()).toEqual({ status: 'active' });

    const created = await side.staff.researcher('/panel/onderzoeken', {
      method: 'POST',
      body: new URLSearchParams({ title: `Onderzoek ${side.word}`, purpose: 'Gesprek', journey: '', invitationText: 'Doet u mee?' }),
    });
    expect(created.status).toBe(303);
    const studyId = Number(created.headers.get('Location')!.split('/').pop());
    expect(ctx.db.select({ organisationId: studies.organisationId }).from(studies).where(eq(studies.id, studyId)).get()).toEqual({ organisationId: side.organisationId });
    // Another organisation's member cannot be invited, even by a forged id.
    const invited = await side.staff.researcher(`/panel/onderzoeken/${studyId}/uitnodigen`, { method: 'POST', body: new URLSearchParams([['member', String(other.memberId)]]) });
    expect(invited.headers.get('Location')).toContain('uitgenodigd=0');
    expect(ctx.db.select().from(studyParticipants).where(eq(studyParticipants.studyId, studyId)).all()).toEqual([]);

    const studyPage = await text(side.staff.researcher(`/panel/onderzoeken/${studyId}`));
    expect(studyPage).toContain(side.word);
    expectNothingOf(studyPage, other);
    expectNothingOf(await text(side.staff.researcher('/panel/onderzoeken')), other);
    expectNothingOf(await text(side.staff.researcher(`/panel/onderzoeken/${studyId}/export.csv`)), other);
    const otherStudy = ctx.db.select({ id: studies.id }).from(studies).where(eq(studies.title, `Onderzoek ${other.word}`)).get();
    if (otherStudy) {
      expect((await side.staff.researcher(`/panel/onderzoeken/${otherStudy.id}`)).status).toBe(404);
      expect((await side.staff.researcher(`/panel/onderzoeken/${otherStudy.id}/export.csv`)).status).toBe(404);
      expect((await side.staff.researcher(`/panel/onderzoeken/${otherStudy.id}/uitnodigen`, { method: 'POST', body: new URLSearchParams([['member', String(other.memberId)]]) })).status).toBe(404);
      expect((await side.staff.researcher(`/panel/onderzoeken/${otherStudy.id}/deelnemers/1`, { method: 'POST' })).status).toBe(404);
    }
  });

  it('no-shows: the dashboard and its CSV show only their own appointments', async () => {
    const other = others(side);
    const page = await text(side.staff.manager('/dashboard/no-shows'));
    expect(page).toContain(`${side.word}loket`);
    expect(page).not.toContain(other.word);
    const csv = await text(side.staff.manager('/dashboard/no-shows/export.csv'));
    expect(csv).toContain(`${side.word}loket`);
    expect(csv).not.toContain(other.word);
  });

  it('data-subject requests: the other organisation’s citizen is not found, exported or erased', async () => {
    const other = others(side);
    const own = await side.staff.admin('/admin/privacy/verzoek/export', { method: 'POST', body: new URLSearchParams({ email: side.email }) });
    const ownData = (await own.json()) as ReturnType<typeof findSubjectData> & { organisation: string };
    expect(ownData.organisation).toBe(side.name);
    expect(ownData.invitations).toHaveLength(1);
    expect(ownData.panel).toHaveLength(1);
    expect(ownData.callbacks).toHaveLength(1);

    const search = await text(side.staff.admin('/admin/privacy/verzoek', { method: 'POST', body: new URLSearchParams({ email: other.email }) }));
    expectNothingOf(search.replaceAll(other.email, ''), other);
    const exported = await text(side.staff.admin('/admin/privacy/verzoek/export', { method: 'POST', body: new URLSearchParams({ email: other.email }) }));
    const data = JSON.parse(exported) as ReturnType<typeof findSubjectData>;
    for (const list of [data.invitations, data.responses, data.panel, data.callbacks, data.mails, data.appointments, data.noShowAnswers]) expect(list).toEqual([]);
    expect(exported).not.toContain(other.word);
    expect(exported).not.toContain(other.person);

    const responsesBefore = ctx.db.select().from(responses).all().length;
    const erased = await side.staff.admin('/admin/privacy/verzoek/wissen', { method: 'POST', body: new URLSearchParams({ email: other.email, bevestig: 'ja' }) });
    expect(erased.status).toBe(200);
    expect(ctx.db.select().from(responses).all()).toHaveLength(responsesBefore);
    expect(ctx.db.select({ contact: panelMembers.contact }).from(panelMembers).where(eq(panelMembers.id, other.memberId)).get()!.contact).not.toBeNull();
  });
});

describe('mails and the command line per organisation', () => {
  it('panel and call-back mails go out in the name of the member’s or request’s organisation; alerts count only the own requests', () => {
    for (const side of [host, partner]) {
      const confirmation = ctx.db.select().from(outbox).where(eq(outbox.panelMemberId, side.memberId)).get()!;
      expect(confirmation.organisationId).toBe(side.organisationId);
      expect(confirmation.textBody).toContain(side.name);
      expect(confirmation.textBody).not.toContain(others(side).name);
      // The consent the citizen gave, as proven, names the organisation whose panel it is.
      const given = ctx.db.select().from(panelConsents).where(eq(panelConsents.memberId, side.memberId)).get()!;
      const shown = ctx.db.select().from(panelConsentTexts).where(eq(panelConsentTexts.hash, given.textHash!)).get()!;
      expect(shown.text).toContain(side.name);
      expect(shown.text).not.toContain(others(side).name);
    }
    expect(queueCallbackAlerts({ db: ctx.db, config: ctx.config, mail: mailTemplates }, ctx.clock.now())).toBe(2);
    const alerts = ctx.db.select().from(outbox).where(eq(outbox.kind, 'callback-alert')).all();
    for (const side of [host, partner]) {
      const alert = alerts.find((mail) => mail.toAddress === `kcc@${side.slug || 'hoofdstad'}.test`)!;
      expect(alert).toMatchObject({ organisationId: side.organisationId, subject: 'Nieuw terugbelverzoek' });
      expect(alert.textBody).toContain(side.name);
    }
  });

  it('the recovery mail after closing goes in the request’s organisation’s name', async () => {
    const closed = await partner.staff.kcc(`/dashboard/terugbellen/${partner.callbackId}/afsluiten`, { method: 'POST', body: new URLSearchParams({ outcome: 'solved' }) });
    expect(closed.status).toBe(303);
    const recovery = ctx.db.select().from(outbox).where(eq(outbox.kind, 'callback-recovery')).get()!;
    expect(recovery).toMatchObject({ organisationId: partner.organisationId, toAddress: partner.email });
    expect(recovery.textBody).toContain(partner.name);
    expect(recovery.textBody).not.toContain(host.name);
  });

  it('`callbacks list` shows the hosting organisation’s requests, or with --organisation the named one’s', async () => {
    const databasePath = join(dir, 'data', 'meethuis.db');
    const hosting = await spawnCli(databasePath, ['callbacks', 'list']);
    expect(hosting.code, hosting.stderr).toBe(0);
    expect(hosting.stdout).toContain(`#${host.callbackId} `);
    expect(hosting.stdout).not.toContain(`#${partner.callbackId} `);
    const buurdorp = await spawnCli(databasePath, ['callbacks', 'list', '--organisation', 'buurdorp']);
    expect(buurdorp.code, buurdorp.stderr).toBe(0);
    expect(buurdorp.stdout).not.toContain(`#${host.callbackId} `);
    // Buurdorp's only request was closed above: nothing active.
    expect(buurdorp.stdout).toContain('0 request(s).');
    const unknown = await spawnCli(databasePath, ['callbacks', 'list', '--organisation', 'nergens']);
    expect(unknown.code).toBe(2);
    const privacy = await spawnCli(databasePath, ['privacy', 'export', '--email', partner.email, '--organisation', 'nergens']);
    expect(privacy.code).toBe(2);
    expect(privacy.stderr + privacy.stdout).toContain('No organisation with slug "nergens"');
  }, 30_000);

  it("the dashboard's call-back figures can be limited to one organisation's requests", () => {
    const journeyId = ctx.db.select().from(callbackRequests).where(eq(callbackRequests.id, host.callbackId)).get()!.journeyId;
    const period = [new Date(ctx.clock.now().getTime() - 86_400_000), new Date(ctx.clock.now().getTime() + 86_400_000)] as const;
    expect(callbackFigures(ctx.db, journeyId, ...period, 1, host.organisationId).total).toBe(1);
    expect(callbackFigures(ctx.db, journeyId, ...period, 1, partner.organisationId).total).toBe(0);
  });
});
