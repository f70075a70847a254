/**
 * Retention: each purge with a controllable clock — what must be gone is gone, what must stay
 * stays — on data put in through the real paths (event API, survey pages, panel links); the
 * roll-ups and the response funnel unchanged by it; runs interrupted mid-way (an error thrown
 * inside a batch, a batch budget) and rerun to completion; the last run of each rule recorded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/audit-log';
import { loadConfig } from '../../src/config';
import { expireInvitations } from '../../src/invitations/invitations';
import { lastJobRuns } from '../../src/job-runs';
import {
  lastRetentionRuns,
  minimiseEventPayload,
  monthsBefore,
  retentionCutoffs,
  retentionPolicy,
  retentionRules,
  runRetention,
} from '../../src/privacy/retention';
import { encryptSecret } from '../../src/secrets';
import { answerSurvey, closeCase, count, mapPassportProduct, missAppointment, sendDueMail, whereFound } from '../helpers/privacy-fixtures';
import { openDb } from '../../src/db/client';
import { prepareDatabase, startChildServer } from '../helpers/child-server';
import { createStaff } from '../helpers/staff';
import { caseClosedEvent, createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';

const run = (ctx: TestContext, options: Parameters<typeof runRetention>[2] = {}) => runRetention(ctx.db, { clock: ctx.clock, config: ctx.config }, options);
const rowOf = <T = Record<string, unknown>>(ctx: TestContext, sql: string, ...params: unknown[]) => ctx.db.$client.prepare(sql).get(...params) as T;
const rulesOf = (report: Awaited<ReturnType<typeof runRetention>>) => Object.fromEntries(report.rules.map((rule) => [rule.rule, rule.rows]));

/** The dashboard's anonymous totals and the response funnel: must not move when responses go. */
function aggregates(ctx: TestContext) {
  return {
    responses: rowOf(ctx, "SELECT sum(n) AS n, sum(grade_sum) AS grade, sum(feeling_sum) AS feeling FROM response_rollups WHERE segment_key = ''"),
    feelings: rowOf(ctx, "SELECT sum(answers) AS answers, sum(n) AS n, sum(sum) AS sum FROM feeling_rollups WHERE segment_key = ''"),
    funnel: ctx.db.$client.prepare('SELECT journey_id, status, count(*) AS n, count(mailed_at) AS mailed FROM invitations GROUP BY 1, 2 ORDER BY 1, 2').all(),
  };
}

describe('retention rules (pure)', () => {
  it('takes its terms from the configuration, with the documented defaults and limits', () => {
    const defaults = loadConfig({});
    expect(retentionPolicy(defaults)).toEqual({ responsesMonths: 24, commentsMonths: 24, auditMonths: 36, mailDays: 30, eventPayloadDays: 0, callbackDays: 30 });
    const custom = loadConfig({ RETENTION_RESPONSES_MONTHS: '18', RETENTION_COMMENTS_MONTHS: '6', RETENTION_AUDIT_MONTHS: '60', RETENTION_MAIL_DAYS: '14', RETENTION_EVENT_PAYLOAD_DAYS: '7', RETENTION_CALLBACK_DAYS: '45' });
    expect(retentionPolicy(custom)).toEqual({ responsesMonths: 18, commentsMonths: 6, auditMonths: 60, mailDays: 14, eventPayloadDays: 7, callbackDays: 45 });
    // The audit log is kept at least three years; comments cannot outlive their responses.
    expect(() => loadConfig({ RETENTION_AUDIT_MONTHS: '35' })).toThrow(/RETENTION_AUDIT_MONTHS: must be at least 36/);
    expect(() => loadConfig({ RETENTION_COMMENTS_MONTHS: '25' })).toThrow(/RETENTION_COMMENTS_MONTHS: must not be longer than RETENTION_RESPONSES_MONTHS/);
    expect(() => loadConfig({ RETENTION_RESPONSES_MONTHS: '0' })).toThrow(/RETENTION_RESPONSES_MONTHS/);
    expect(() => loadConfig({ RETENTION_MAIL_DAYS: 'dertig' })).toThrow(/RETENTION_MAIL_DAYS/);
    expect(loadConfig({ RETENTION_COMMENTS_MONTHS: '' }).RETENTION_COMMENTS_MONTHS).toBe(24);
  });

  it('counts months on the calendar, clamped to the end of shorter months', () => {
    expect(monthsBefore(new Date('2026-11-20T15:00:00Z'), 24).toISOString()).toBe('2024-11-20T15:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2028-02-29T10:00:00Z'), 12).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2026-01-15T00:00:00Z'), 36).toISOString()).toBe('2023-01-15T00:00:00.000Z');
  });

  it('gives every rule its cut-off', () => {
    const now = new Date('2026-11-20T15:00:00Z');
    const cutoffs = retentionCutoffs({ responsesMonths: 24, commentsMonths: 6, auditMonths: 36, mailDays: 30, eventPayloadDays: 0, callbackDays: 30 }, now);
    expect(Object.keys(cutoffs).sort()).toEqual([...retentionRules].sort());
    expect(cutoffs['invitation-contact']).toEqual(now);
    expect(cutoffs['event-payloads']).toEqual(now);
    expect(cutoffs.mail.toISOString()).toBe('2026-10-21T15:00:00.000Z');
    expect(cutoffs.comments.toISOString()).toBe('2026-05-20T15:00:00.000Z');
    expect(cutoffs.responses.toISOString()).toBe('2024-11-20T15:00:00.000Z');
    expect(cutoffs.invitations).toEqual(cutoffs.responses);
    expect(cutoffs['audit-log'].toISOString()).toBe('2023-11-20T15:00:00.000Z');
    expect(cutoffs['callback-contacts'].toISOString()).toBe('2026-10-21T15:00:00.000Z');
  });

  it('keeps of an event only its kind and the non-personal facts (a whitelist)', () => {
    const event = caseClosedEvent();
    expect(minimiseEventPayload(event)).toEqual({
      redacted: true,
      type: 'case.closed',
      occurredAt: event.occurredAt,
      case: { caseType: 'paspoort-aanvragen', channel: 'balie', openedAt: '2026-11-01T09:00:00Z' },
      touchpoints: ['afspraak-maken', 'balie', 'ophalen'],
    });
    const appointment = {
      id: 'x',
      type: 'appointment.no_show',
      occurredAt: '2026-11-16T08:30:00Z',
      appointment: { reference: 'A-991', product: 'paspoort', location: 'Stadskantoor', startsAt: '2026-11-16T08:00:00Z' },
      citizen: { language: 'nl' },
      segment: { district: 'Woensel' },
    };
    expect(minimiseEventPayload(appointment)).toEqual({
      redacted: true,
      type: 'appointment.no_show',
      occurredAt: '2026-11-16T08:30:00Z',
      appointment: { product: 'paspoort', location: 'Stadskantoor', startsAt: '2026-11-16T08:00:00Z' },
    });
    // An unknown shape (a future event type with an initiator's address) keeps only its type.
    expect(minimiseEventPayload({ type: 'zaak.closed', initiator: { email: 'x@example.nl' }, zaak: 'https://zaken.example.nl/1' })).toEqual({ redacted: true, type: 'zaak.closed' });
    expect(minimiseEventPayload('not an object')).toEqual({ redacted: true });
    expect(minimiseEventPayload({ touchpoints: ['a', 3] })).toEqual({ redacted: true });
  });
});

describe('retention purges', () => {
  it('erases the address and case reference of answered, expired, opted-out and suppressed invitations; open ones keep theirs', async () => {
    const ctx = createTestContext();
    const answered = await closeCase(ctx, 'answered@example.nl');
    await answerSurvey(ctx, answered.token!);
    const expiring = await closeCase(ctx, 'expiring@example.nl');
    const suppressed = await closeCase(ctx, 'answered@example.nl');
    expect(suppressed.status).toBe('suppressed');
    await sendDueMail(ctx);
    ctx.clock.advanceDays(31);
    // Past its expiry, though the expiry job has not run yet: still "open" in the table.
    expect(rowOf(ctx, 'SELECT status, email FROM invitations WHERE id = ?', expiring.invitationId)).toEqual({ status: 'open', email: 'expiring@example.nl' });
    // Opted out from a valid, open invitation.
    const optedOut = await closeCase(ctx, 'opted-out@example.nl');
    await sendDueMail(ctx);
    expect((await ctx.app.request(`/afmelden/${optedOut.token}`, { method: 'POST' })).status).toBe(200);
    // Opting out erases the address at once; the keyed hash stays on the opt-out.
    expect(rowOf(ctx, 'SELECT status, email FROM invitations WHERE id = ?', optedOut.invitationId)).toEqual({ status: 'open', email: null });
    const open = await closeCase(ctx, 'open@example.nl');
    await sendDueMail(ctx);

    const report = await run(ctx, { only: ['invitation-contact'] });
    expect(report.complete).toBe(true);
    expect(report.rows).toBeGreaterThanOrEqual(4);

    for (const id of [answered.invitationId, expiring.invitationId, optedOut.invitationId, suppressed.invitationId]) {
      const row = rowOf<{ email: string | null; case_reference: string; address_hash: string }>(ctx, 'SELECT email, case_reference, address_hash FROM invitations WHERE id = ?', id);
      expect(row.email).toBeNull();
      expect(row.case_reference).toBe('');
      // The keyed hash stays, for the fatigue rule and opt-outs.
      expect(row.address_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const address of ['answered@example.nl', 'expiring@example.nl', 'opted-out@example.nl']) expect(whereFound(ctx.db, address)).toEqual([]);
    for (const event of [answered.event, expiring.event, optedOut.event, suppressed.event]) expect(whereFound(ctx.db, event.case.reference)).toEqual(['events.payload (1)']);
    // Nor the personal link: neither in a body nor as the token a reminder would be rendered with.
    const closedIds = [answered.invitationId, expiring.invitationId, optedOut.invitationId];
    expect(count(ctx.db, 'SELECT count(*) AS n FROM outbox WHERE invitation_id IN (?, ?, ?) AND (text_body IS NOT NULL OR html_body IS NOT NULL OR link_token IS NOT NULL)', ...closedIds)).toBe(0);

    // The open invitation keeps its address: its reminder still has to go out.
    expect(rowOf(ctx, 'SELECT email, case_reference FROM invitations WHERE id = ?', open.invitationId)).toEqual({ email: 'open@example.nl', case_reference: open.event.case.reference });
    const openMails = ctx.db.$client
      .prepare('SELECT kind, status, to_address, text_body IS NOT NULL AS body, link_token IS NOT NULL AS link FROM outbox WHERE invitation_id = ? ORDER BY id')
      .all(open.invitationId);
    // (The reminder is rendered when it is due, from the link token it keeps until then.)
    expect(openMails).toEqual([
      { kind: 'invitation', status: 'sent', to_address: 'open@example.nl', body: 1, link: 0 },
      { kind: 'reminder', status: 'queued', to_address: 'open@example.nl', body: 0, link: 1 },
    ]);

    // The expiry job erases the address too, at once (here: nothing left to do).
    const late = await closeCase(ctx, 'late@example.nl');
    ctx.clock.advanceDays(31);
    expireInvitations(ctx.db, ctx.clock);
    expect(rowOf(ctx, 'SELECT status, email FROM invitations WHERE id = ?', late.invitationId)).toEqual({ status: 'expired', email: null });

    // Idempotent: a second run over the same rows changes nothing more than the newly closed ones.
    await run(ctx, { only: ['invitation-contact'] });
    const again = await run(ctx, { only: ['invitation-contact'] });
    expect(again.rows).toBe(0);
  });

  it('strips personal fields from event payloads once processed (or after RETENTION_EVENT_PAYLOAD_DAYS)', async () => {
    const ctx = createTestContext();
    mapPassportProduct(ctx.db);
    const closed = await closeCase(ctx, 'event@example.nl');
    await missAppointment(ctx, 'missed@example.nl');
    expect(count(ctx.db, 'SELECT count(*) AS n FROM events WHERE payload LIKE ?', `%${closed.event.case.reference}%`)).toBe(1);
    expect(rulesOf(await run(ctx, { only: ['event-payloads'] }))['event-payloads']).toBe(3);
    const payloads = ctx.db.$client.prepare('SELECT payload FROM events ORDER BY id').pluck().all() as string[];
    for (const payload of payloads) {
      const parsed = JSON.parse(payload) as Record<string, unknown>;
      expect(parsed.redacted).toBe(true);
      expect(parsed).not.toHaveProperty('citizen');
      expect(parsed).not.toHaveProperty('segment');
      expect(payload).not.toMatch(/reference|Z-2026|A-PRIV|Woensel|65\+/);
    }
    expect(JSON.parse(payloads[0]!)).toMatchObject({ type: 'case.closed', case: { caseType: 'paspoort-aanvragen' }, touchpoints: ['afspraak-maken', 'balie', 'ophalen'] });
    expect(rulesOf(await run(ctx, { only: ['event-payloads'] }))['event-payloads']).toBe(0);
    // The event id still answers a duplicate.
    expect(await (await ctx.postEvent(closed.event)).json()).toMatchObject({ status: 'duplicate' });

    const later = createTestContext({ RETENTION_EVENT_PAYLOAD_DAYS: '7' });
    const kept = await closeCase(later, 'kept@example.nl');
    later.clock.advanceDays(6);
    expect(rulesOf(await run(later, { only: ['event-payloads'] }))['event-payloads']).toBe(0);
    expect(whereFound(later.db, kept.event.case.reference)).toContain('events.payload (1)');
    later.clock.advanceDays(2);
    expect(rulesOf(await run(later, { only: ['event-payloads'] }))['event-payloads']).toBe(1);
    expect(whereFound(later.db, kept.event.case.reference)).not.toContain('events.payload (1)');
  });

  it('deletes mails no longer queued after RETENTION_MAIL_DAYS; queued mail stays', async () => {
    const ctx = createTestContext({ RETENTION_MAIL_DAYS: '30' });
    const old = await closeCase(ctx, 'old@example.nl');
    const answered = await closeCase(ctx, 'answered@example.nl');
    await answerSurvey(ctx, answered.token!); // its reminder is cancelled now
    await sendDueMail(ctx);
    ctx.clock.advanceDays(20);
    const recent = await closeCase(ctx, 'recent@example.nl');
    await sendDueMail(ctx); // also sends old's reminder (due after 5 days) now, on day 20
    ctx.clock.advanceDays(11);
    const mails = (id: number) => ctx.db.$client.prepare('SELECT kind, status FROM outbox WHERE invitation_id = ? ORDER BY id').all(id);
    expect(mails(old.invitationId)).toEqual([
      { kind: 'invitation', status: 'sent' },
      { kind: 'reminder', status: 'sent' },
    ]);

    const report = await run(ctx, { only: ['mail'] });
    expect(rulesOf(report).mail).toBe(3);
    // Sent 31 days ago: gone; sent 11 days ago: kept; the cancelled reminder of day 0: gone.
    expect(mails(old.invitationId)).toEqual([{ kind: 'reminder', status: 'sent' }]);
    expect(mails(answered.invitationId)).toEqual([]);
    expect(mails(recent.invitationId)).toEqual([
      { kind: 'invitation', status: 'sent' },
      { kind: 'reminder', status: 'queued' },
    ]);
    // A queued mail is never removed, however old.
    ctx.clock.advanceDays(400);
    await run(ctx, { only: ['mail'] });
    expect(mails(recent.invitationId)).toEqual([{ kind: 'reminder', status: 'queued' }]);
  });

  it('erases comments after RETENTION_COMMENTS_MONTHS and deletes responses after RETENTION_RESPONSES_MONTHS; roll-ups and funnel stay', async () => {
    const ctx = createTestContext({ RETENTION_COMMENTS_MONTHS: '6' });
    mapPassportProduct(ctx.db);
    const first = await closeCase(ctx, 'first@example.nl');
    const firstResponse = await answerSurvey(ctx, first.token!, { comment: 'De balie was dicht', panel: { email: 'first@example.nl', name: 'Eerste' } });
    const memberId = (rowOf<{ id: number }>(ctx, 'SELECT id FROM panel_members WHERE response_id = ?', firstResponse)).id;
    const missed = await missAppointment(ctx, 'missed@example.nl', { reason: 'anders', comment: 'De bus reed niet' });
    await sendDueMail(ctx);
    const before = aggregates(ctx);

    ctx.clock.advanceDays(184); // six months and a bit
    const second = await closeCase(ctx, 'second@example.nl');
    const secondResponse = await answerSurvey(ctx, second.token!, { comment: 'Snel geholpen' });
    const withSecond = aggregates(ctx);

    await run(ctx);
    // Older than six months: the words go, the feelings and the reason stay.
    expect(ctx.db.$client.prepare('SELECT feeling, comment FROM answers WHERE response_id = ? ORDER BY touchpoint_id').all(firstResponse)).toEqual([
      { feeling: -1, comment: null },
      { feeling: 1, comment: null },
      { feeling: 2, comment: null },
    ]);
    expect(rowOf(ctx, 'SELECT reason, comment FROM no_show_responses WHERE invitation_id = ?', missed.invitationId)).toEqual({ reason: 'anders', comment: null });
    expect(count(ctx.db, 'SELECT count(*) AS n FROM answers WHERE response_id = ? AND comment = ?', secondResponse, 'Snel geholpen')).toBe(1);
    expect(count(ctx.db, 'SELECT count(*) AS n FROM responses')).toBe(2);
    expect(aggregates(ctx)).toEqual(withSecond);

    ctx.clock.advanceDays(732 - 184); // 24 months and a day after the first answers
    const report = await run(ctx);
    expect(report.complete).toBe(true);
    expect(rulesOf(report)).toMatchObject({ responses: 1, 'no-show-responses': 1, comments: 1, appointments: 1 });
    // The first response and its answers are gone; the second (17 months) stays, without its words.
    expect(count(ctx.db, 'SELECT count(*) AS n FROM responses WHERE id = ?', firstResponse)).toBe(0);
    expect(count(ctx.db, 'SELECT count(*) AS n FROM answers WHERE response_id = ?', firstResponse)).toBe(0);
    expect(count(ctx.db, 'SELECT count(*) AS n FROM no_show_responses')).toBe(0);
    expect(ctx.db.$client.prepare('SELECT comment FROM answers WHERE response_id = ?').pluck().all(secondResponse)).toEqual([null, null, null]);
    // The panel member signed up from it stays, without the link; the consent proof stays.
    expect(rowOf(ctx, 'SELECT response_id FROM panel_members WHERE id = ?', memberId)).toEqual({ response_id: null });
    expect(count(ctx.db, 'SELECT count(*) AS n FROM panel_consents WHERE member_id = ?', memberId)).toBeGreaterThanOrEqual(2);
    // The old invitations are anonymous funnel rows now; their survey link is unknown.
    expect(rowOf(ctx, 'SELECT status, email, address_hash, case_reference, token_hash, segment FROM invitations WHERE id = ?', first.invitationId)).toEqual({
      status: 'answered',
      email: null,
      address_hash: '',
      case_reference: '',
      token_hash: null,
      segment: '{}',
    });
    expect((await ctx.app.request(`/s/${first.token}`)).status).toBe(404);
    expect(rowOf(ctx, 'SELECT address_hash FROM invitations WHERE id = ?', second.invitationId)).toMatchObject({ address_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The missed appointment keeps its pattern, not the booking reference or the address hash.
    expect(rowOf(ctx, 'SELECT reference, address_hash, product, status FROM appointments WHERE id = ?', missed.appointmentId)).toEqual({
      reference: `verwijderd-${missed.appointmentId}`,
      address_hash: null,
      product: 'paspoort',
      status: 'no_show',
    });
    // Events of two years ago are gone; the second case's event stays.
    expect(ctx.db.$client.prepare('SELECT invitation_id FROM events').pluck().all()).toEqual([second.invitationId]);
    expect(count(ctx.db, 'SELECT count(*) AS n FROM outbox WHERE invitation_id = ?', first.invitationId)).toBe(0);
    for (const text of ['first@example.nl', 'missed@example.nl', first.event.case.reference, missed.reference, 'De balie was dicht', 'De bus reed niet']) {
      expect(whereFound(ctx.db, text), text).toEqual([]);
    }
    // The anonymous daily totals and the funnel still count everything.
    expect(aggregates(ctx)).toEqual(withSecond);
    expect(before.responses).not.toEqual(withSecond.responses);
  });

  it('keeps the audit log at least RETENTION_AUDIT_MONTHS', async () => {
    const ctx = createTestContext();
    const entry = (action: string) => ({ action, result: 'success' as const, actor: { userId: null, label: 'system' } });
    const now = ctx.clock.now();
    audit(ctx.db, monthsBefore(now, 37), entry('old.enough'));
    audit(ctx.db, new Date(monthsBefore(now, 36).getTime() + 60_000), entry('not.yet'));
    audit(ctx.db, monthsBefore(now, 1), entry('recent'));
    expect(rulesOf(await run(ctx, { only: ['audit-log'] }))['audit-log']).toBe(1);
    expect(ctx.db.$client.prepare('SELECT action FROM audit_log ORDER BY at').pluck().all()).toEqual(['not.yet', 'recent']);

    const longer = createTestContext({ RETENTION_AUDIT_MONTHS: '60' });
    audit(longer.db, monthsBefore(longer.clock.now(), 37), entry('kept.for.five.years'));
    await run(longer, { only: ['audit-log'] });
    expect(count(longer.db, 'SELECT count(*) AS n FROM audit_log')).toBe(1);
  });

  it('erases contact details an ended panel membership still holds (safety net), and removes expired staff sessions', async () => {
    const ctx = createTestContext();
    const journeyId = (rowOf<{ id: number }>(ctx, 'SELECT id FROM journeys LIMIT 1')).id;
    const now = ctx.clock.now().getTime();
    const contact = encryptSecret(TEST_DATA_KEY, JSON.stringify({ email: 'ended@example.nl', name: null, phone: null, preferredContact: null }));
    const insert = ctx.db.$client.prepare('INSERT INTO panel_members (status, contact, journey_id, created_at, confirm_before) VALUES (?, ?, ?, ?, ?)');
    const ended = Number(insert.run('withdrawn', contact, journeyId, now, now).lastInsertRowid);
    const active = Number(insert.run('active', contact, journeyId, now, now).lastInsertRowid);
    ctx.db.$client
      .prepare("INSERT INTO outbox (kind, panel_member_id, to_address, subject, text_body, headers, message_id, status, due_at, created_at) VALUES ('panel-invitation', ?, 'ended@example.nl', 's', 'b', '{}', ?, 'queued', ?, ?)")
      .run(ended, '<m1@test>', now, now);
    const user = await createStaff(ctx.db, ctx.clock, 'manager');
    const session = ctx.db.$client.prepare('INSERT INTO sessions (id_hash, user_id, second_factor_done, created_at, last_seen_at, expires_at, origin) VALUES (?, ?, 1, ?, ?, ?, ?)');
    session.run('expired', user.id, now - 20 * 3_600_000, now - 9 * 3_600_000, now - 8 * 3_600_000, '192.0.2.1');
    session.run('valid', user.id, now, now, now + 3_600_000, '192.0.2.2');

    const report = await run(ctx, { only: ['panel-contacts', 'sessions'] });
    expect(rulesOf(report)).toEqual({ 'panel-contacts': 2, sessions: 1 });
    expect(rowOf(ctx, 'SELECT contact FROM panel_members WHERE id = ?', ended)).toEqual({ contact: null });
    expect(rowOf<{ contact: string }>(ctx, 'SELECT contact FROM panel_members WHERE id = ?', active).contact).toBe(contact);
    expect(rowOf(ctx, 'SELECT status, to_address, text_body FROM outbox WHERE panel_member_id = ?', ended)).toEqual({ status: 'cancelled', to_address: '', text_body: null });
    expect(ctx.db.$client.prepare('SELECT id_hash FROM sessions').pluck().all()).toEqual(['valid']);
  });
});

describe('interrupted runs', () => {
  async function oldResponses(ctx: TestContext, n: number) {
    for (let i = 0; i < n; i++) {
      const invitation = await closeCase(ctx, `r${i}@example.nl`);
      await answerSurvey(ctx, invitation.token!, { comment: `opmerking ${i}` });
    }
    ctx.clock.advanceDays(732);
  }

  it('an error inside a batch rolls that batch back; the rest of the run goes on; the next run completes', async () => {
    const ctx = createTestContext();
    await oldResponses(ctx, 5);
    let batches = 0;
    const report = await run(ctx, {
      batchSize: 1,
      onBatch: (rule) => {
        if (rule === 'responses' && ++batches === 3) throw new Error('stroomstoring');
      },
    });
    expect(report.complete).toBe(false);
    const failed = report.rules.find((rule) => rule.rule === 'responses')!;
    expect(failed).toMatchObject({ rows: 2, complete: false, error: 'stroomstoring' });
    // Two responses went with all their answers; the third batch was rolled back whole.
    expect(count(ctx.db, 'SELECT count(*) AS n FROM responses')).toBe(3);
    expect(count(ctx.db, 'SELECT count(*) AS n FROM answers')).toBe(9);
    expect(count(ctx.db, 'SELECT count(*) AS n FROM answers a LEFT JOIN responses r ON r.id = a.response_id WHERE r.id IS NULL')).toBe(0);
    // Later rules still ran.
    expect(report.rules.find((rule) => rule.rule === 'invitations')!.rows).toBe(5);
    expect(lastRetentionRuns(ctx.db).rules.get('responses')).toMatchObject({ rows: 2, complete: false, error: 'stroomstoring', trigger: 'schedule' });
    expect(lastRetentionRuns(ctx.db).job).toMatchObject({ complete: false, error: 'responses: stroomstoring' });

    const rerun = await run(ctx, { batchSize: 1, trigger: 'cli' });
    expect(rerun.complete).toBe(true);
    expect(rulesOf(rerun).responses).toBe(3);
    expect(count(ctx.db, 'SELECT count(*) AS n FROM responses')).toBe(0);
    expect(count(ctx.db, 'SELECT count(*) AS n FROM answers')).toBe(0);
    expect(lastRetentionRuns(ctx.db).rules.get('responses')).toMatchObject({ rows: 3, complete: true, error: null, trigger: 'cli' });
  });

  it('stops after its batch budget and carries on where it was at the next run', async () => {
    const ctx = createTestContext();
    await oldResponses(ctx, 5);
    const first = await run(ctx, { batchSize: 2, maxBatches: 2, only: ['events'] });
    expect(first).toMatchObject({ complete: false, rows: 4, batches: 2 });
    expect(count(ctx.db, 'SELECT count(*) AS n FROM events')).toBe(1);
    expect(lastJobRuns(ctx.db).get('retention:events')).toMatchObject({ complete: false, rows: 4 });
    const second = await run(ctx, { batchSize: 2, only: ['events'] });
    expect(second).toMatchObject({ complete: true, rows: 1 });
    expect(count(ctx.db, 'SELECT count(*) AS n FROM events')).toBe(0);
  });

  it('an aborted run (the server stopping) ends after the batch in progress', async () => {
    const ctx = createTestContext();
    await oldResponses(ctx, 3);
    const stop = new AbortController();
    const report = await run(ctx, { batchSize: 1, only: ['responses', 'events'], signal: stop.signal, onBatch: () => stop.abort() });
    expect(report).toMatchObject({ complete: false, batches: 1, rows: 1 });
    expect(count(ctx.db, 'SELECT count(*) AS n FROM responses')).toBe(2);
  });

  it('records every rule and the whole job; a run with nothing to do touches nothing', async () => {
    const ctx = createTestContext();
    await oldResponses(ctx, 2);
    const report = await run(ctx);
    expect(report.complete).toBe(true);
    const runs = lastRetentionRuns(ctx.db);
    expect([...runs.rules.keys()].sort()).toEqual([...retentionRules].sort());
    expect(runs.job).toMatchObject({ complete: true, error: null, rows: report.rows, trigger: 'schedule', finishedAt: ctx.clock.now().toISOString() });
    const again = await run(ctx);
    expect(again).toMatchObject({ complete: true, rows: 0 });
  });
});

describe('the scheduled job in the server', () => {
  it('runs the purges when the server starts (and then hourly), recorded as "schedule"', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meethuis-retention-'));
    const databasePath = join(dir, 'data', 'meethuis.db');
    try {
      prepareDatabase(databasePath);
      const db = openDb(databasePath);
      audit(db, monthsBefore(new Date(), 40), { action: 'ancient.history', result: 'success', actor: { userId: null, label: 'system' } });
      db.$client.close();
      const server = await startChildServer({ DATABASE_PATH: databasePath });
      try {
        const deadline = Date.now() + 20_000;
        while (!/Retention: \d+ rows purged/.test(server.output()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        expect(server.output()).toMatch(/Retention: 1 rows purged/);
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      const after = openDb(databasePath);
      try {
        expect(after.$client.prepare("SELECT count(*) FROM audit_log WHERE action = 'ancient.history'").pluck().get()).toBe(0);
        expect(lastRetentionRuns(after).job).toMatchObject({ trigger: 'schedule', complete: true, rows: 1 });
      } finally {
        after.$client.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
