import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/api-keys/api-keys';
import { DAY_MS } from '../../src/clock';
import type { Db } from '../../src/db/client';
import { optOut } from '../../src/invitations/invitations';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport } from '../../src/mail/transport';
import { journeyDefinitionSchema } from '../../src/journeys/definition';
import { importJourney } from '../../src/journeys/journeys';
import { addressHash } from '../../src/tokens';
import { answerSurvey } from '../helpers/privacy-fixtures';
import { optOutLink, surveyLink, useSmtpServer } from '../helpers/smtp';
import { startServer } from '../helpers/http-server';
import { caseClosedEvent, createTestContext, tableCounts, type TestContext } from '../helpers/test-context';
import { invitationMailAsSent, surveyTokenOf } from '../helpers/survey-link';

// ---------------------------------------------------------------------------------------------
// Helpers: raw SQL keeps the assertions about what is (not) stored independent of the ORM.
// ---------------------------------------------------------------------------------------------

type Row = Record<string, unknown>;

function all(db: Db, sql: string, ...params: unknown[]): Row[] {
  return db.$client.prepare(sql).all(...params) as Row[];
}

function one(db: Db, sql: string, ...params: unknown[]): Row {
  const row = db.$client.prepare(sql).get(...params) as Row | undefined;
  if (!row) throw new Error(`no row for: ${sql}`);
  return row;
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

async function problemOf(response: Response, status: number): Promise<ProblemBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as ProblemBody;
  expect(body.status).toBe(status);
  expect(body.title).toEqual(expect.any(String));
  return body;
}

function sha256(value: string) {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function touchpointIds(db: Db, journeySlug: string): Record<string, number> {
  const rows = all(
    db,
    `SELECT t.slug, t.id FROM touchpoints t JOIN journeys j ON j.id = t.journey_id WHERE j.slug = ? ORDER BY t.position`,
    journeySlug,
  );
  return Object.fromEntries(rows.map((row) => [row.slug as string, row.id as number]));
}

function invitation(db: Db, id: number): Row {
  return one(db, 'SELECT * FROM invitations WHERE id = ?', id);
}

/** The survey token, kept on the queued invitation mail (the only place it exists) until it is sent. */
const tokenFromOutbox = (db: Db, invitationId: number): string => surveyTokenOf(db, invitationId);

/** Every text cell of every table except the outbox (whose bodies must carry the link). */
function cellsOutsideOutbox(db: Db): string[] {
  const tables = all(db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`)
    .map((row) => row.name as string)
    .filter((name) => name !== 'outbox');
  return tables.flatMap((table) =>
    all(db, `SELECT * FROM "${table}"`).flatMap((row) => Object.values(row).filter((value) => typeof value === 'string') as string[]),
  );
}

async function accepted(ctx: TestContext, event: Record<string, unknown>): Promise<{ invitationId: number; expiresAt: string }> {
  const response = await ctx.postEvent(event);
  const body = (await response.json()) as { status: string; invitationId: number; expiresAt: string };
  expect({ http: response.status, status: body.status }, JSON.stringify(body)).toEqual({ http: 202, status: 'accepted' });
  return body;
}

function withEmail(email: string, extra: Record<string, unknown> = {}) {
  return caseClosedEvent({ citizen: { email, language: 'nl' }, ...extra });
}

// ---------------------------------------------------------------------------------------------

describe('POST /api/v1/events: a valid case.closed', () => {
  it('answers 202 accepted and creates an open invitation that keeps only the token hash', async () => {
    const ctx = createTestContext();
    const event = caseClosedEvent();
    const response = await ctx.postEvent(event);
    expect(response.status).toBe(202);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ eventId: event.id, status: 'accepted', invitationId: expect.any(Number) });
    expect(new Date(String(body.expiresAt)).getTime()).toBe(ctx.clock.now().getTime() + 30 * DAY_MS);

    const row = invitation(ctx.db, body.invitationId as number);
    const journey = one(ctx.db, `SELECT id FROM journeys WHERE slug = 'paspoort-aanvragen'`);
    const ids = touchpointIds(ctx.db, 'paspoort-aanvragen');
    expect(row).toMatchObject({
      journey_id: journey.id,
      case_reference: event.case.reference,
      status: 'open',
      email: event.citizen.email,
      address_hash: addressHash(ctx.addressHashKey, event.citizen.email),
      language: 'nl',
      channel: 'balie',
      suppressed_reason: null,
      case_closed_at: Date.parse(event.occurredAt),
      created_at: ctx.clock.now().getTime(),
      expires_at: ctx.clock.now().getTime() + 30 * DAY_MS,
    });
    expect(JSON.parse(String(row.touchpoint_ids))).toEqual([ids['afspraak-maken'], ids.balie, ids.ophalen]);
    expect(JSON.parse(String(row.segment))).toEqual({ ageBand: '65+', district: 'Woensel' });
    // 2026-11-01T09:00Z → 2026-11-20T14:03Z is 19 days, 5 hours and 3 minutes.
    expect(row.lead_time_days).toBeCloseTo(19 + (5 * 60 + 3) / (24 * 60), 2);

    // The raw token lives only in the mail; the invitation keeps its SHA-256.
    const token = tokenFromOutbox(ctx.db, body.invitationId as number);
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(row.token_hash).toBe(sha256(token));
    for (const [column, value] of Object.entries(row)) {
      expect(String(value), `invitations.${column}`).not.toContain(token);
    }
    expect(cellsOutsideOutbox(ctx.db).filter((cell) => cell.includes(token))).toEqual([]);
  });

  it('queues the invitation mail now and a reminder after REMINDER_AFTER_DAYS (default 5) in the outbox', async () => {
    const ctx = createTestContext();
    const event = caseClosedEvent();
    const { invitationId } = await accepted(ctx, event);
    const now = ctx.clock.now().getTime();
    const mails = all(ctx.db, 'SELECT * FROM outbox WHERE invitation_id = ? ORDER BY due_at', invitationId);
    expect(mails.map((mail) => ({ kind: mail.kind, status: mail.status, due_at: mail.due_at, to: mail.to_address }))).toEqual([
      { kind: 'invitation', status: 'queued', due_at: now, to: event.citizen.email },
      { kind: 'reminder', status: 'queued', due_at: now + 5 * DAY_MS, to: event.citizen.email },
    ]);
    const token = tokenFromOutbox(ctx.db, invitationId);
    const [invitationMail, reminder] = mails;
    // Both are rendered only when they are sent: now each keeps its subject and the token to render it with.
    expect(invitationMail).toMatchObject({ subject: `Hoe was uw ervaring? Paspoort of ID-kaart aanvragen – ${ctx.config.ORGANISATION_NAME}`, text_body: null, html_body: null, link_token: token });
    expect(JSON.parse(String(invitationMail!.headers))).toEqual({ 'Auto-Submitted': 'auto-generated' });
    const asSent = invitationMailAsSent(ctx, invitationId);
    expect(asSent.subject).toBe(invitationMail!.subject);
    expect(asSent.text).toContain(`http://meethuis.test/s/${token}`);
    expect(asSent.text).toContain(`http://meethuis.test/afmelden/${token}`);
    expect(asSent.headers['List-Unsubscribe']).toBe(`<http://meethuis.test/afmelden/${token}>`);
    expect(reminder).toMatchObject({ subject: `Herinnering: hoe was uw ervaring? Paspoort of ID-kaart aanvragen – ${ctx.config.ORGANISATION_NAME}`, text_body: null, html_body: null, link_token: token });
    expect(JSON.parse(String(reminder!.headers))).toEqual({ 'Auto-Submitted': 'auto-generated' });
  });

  describe('the reminder, rendered by the outbox worker when it is due', () => {
    const smtp = useSmtpServer();
    beforeEach(() => {
      smtp.received.length = 0;
    });

    async function sendDue(ctx: TestContext) {
      const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
      try {
        return await deliverDueMails(ctx.db, transport, ctx);
      } finally {
        transport.close();
      }
    }

    it.each([
      { language: 'nl', subject: 'Herinnering: hoe was uw ervaring?', intro: 'Een paar dagen geleden vroegen wij u', steps: 'Het gaat om 3 stappen' },
      { language: 'en', subject: 'Reminder: how was your experience?', intro: 'A few days ago we asked you', steps: '3 steps' },
    ])('is sent at its due time with the personal link, in the citizen’s language ($language), and keeps nothing of it after', async ({ language, subject, intro, steps }) => {
      const ctx = createTestContext({ SMTP_URL: smtp.url });
      const event = caseClosedEvent({ citizen: { email: `inwoner-${language}@example.nl`, language } });
      const { invitationId } = await accepted(ctx, event);
      const token = tokenFromOutbox(ctx.db, invitationId);
      expect(await sendDue(ctx)).toMatchObject({ sent: 1 });
      expect(smtp.received.map((mail) => mail.subject)).toEqual([expect.stringContaining(language === 'en' ? 'How was' : 'Hoe was')]);

      ctx.clock.advanceDays(5);
      expect(await sendDue(ctx)).toMatchObject({ sent: 1, cancelled: 0 });
      const mail = smtp.received[1]!;
      expect(mail.subject).toBe(`${subject} Paspoort of ID-kaart aanvragen – ${ctx.config.ORGANISATION_NAME}`);
      expect(mail.to).toMatchObject({ text: event.citizen.email });
      expect(mail.text).toContain(intro);
      expect(mail.text).toContain(steps);
      expect(surveyLink(mail)).toBe(`http://meethuis.test/s/${token}`);
      expect(optOutLink(mail)).toBe(`http://meethuis.test/afmelden/${token}`);
      expect(mail.html).toContain(`href="http://meethuis.test/s/${token}"`);
      expect(mail.headerLines.map((line) => line.line.replace(/\r?\n\s+/g, ' '))).toEqual(
        expect.arrayContaining([`List-Unsubscribe: <http://meethuis.test/afmelden/${token}>`, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click']),
      );
      // Sent: neither the bodies nor the token to render them stay in the outbox.
      expect(one(ctx.db, `SELECT status, text_body, html_body, link_token FROM outbox WHERE invitation_id = ? AND kind = 'reminder'`, invitationId)).toEqual({
        status: 'sent',
        text_body: null,
        html_body: null,
        link_token: null,
      });
      // The link in the reminder still opens the survey.
      const page = await ctx.app.request(new URL(surveyLink(mail)).pathname);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Paspoort of ID-kaart aanvragen');
    });

    it('never renders or sends the reminder of an answered invitation', async () => {
      const ctx = createTestContext({ SMTP_URL: smtp.url });
      const { invitationId } = await accepted(ctx, caseClosedEvent());
      await answerSurvey(ctx, tokenFromOutbox(ctx.db, invitationId));
      expect(one(ctx.db, `SELECT status, text_body, link_token, to_address FROM outbox WHERE invitation_id = ? AND kind = 'reminder'`, invitationId)).toEqual({
        status: 'cancelled',
        text_body: null,
        link_token: null,
        to_address: '',
      });
      ctx.clock.advanceDays(5);
      expect(await sendDue(ctx)).toMatchObject({ sent: 0 });
      expect(smtp.received).toEqual([]);
    });
  });

  it('takes the reminder delay from REMINDER_AFTER_DAYS', async () => {
    const ctx = createTestContext({ REMINDER_AFTER_DAYS: '3' });
    const { invitationId } = await accepted(ctx, caseClosedEvent());
    const reminder = one(ctx.db, `SELECT due_at FROM outbox WHERE invitation_id = ? AND kind = 'reminder'`, invitationId);
    expect(reminder.due_at).toBe(ctx.clock.now().getTime() + 3 * DAY_MS);
  });

  it('stores the event, but not the e-mail address in its payload', async () => {
    const ctx = createTestContext();
    const event = withEmail('Geheim.Adres@Example.nl');
    const { invitationId } = await accepted(ctx, event);
    const stored = one(ctx.db, 'SELECT * FROM events WHERE event_id = ?', event.id);
    expect(stored).toMatchObject({ type: 'case.closed', outcome: 'accepted', reason: null, invitation_id: invitationId });
    const payload = String(stored.payload);
    expect(payload.toLowerCase()).not.toContain('geheim.adres@example.nl');
    expect(payload.toLowerCase()).not.toContain('geheim.adres');
    expect(JSON.parse(payload)).toMatchObject({ id: event.id, case: { reference: event.case.reference } });
  });

  it('asks only the event touchpoints that belong to the journey', async () => {
    const ctx = createTestContext();
    const ids = touchpointIds(ctx.db, 'paspoort-aanvragen');
    const { invitationId } = await accepted(ctx, caseClosedEvent({ touchpoints: ['balie', 'niet-bestaand'] }));
    expect(JSON.parse(String(invitation(ctx.db, invitationId).touchpoint_ids))).toEqual([ids.balie]);

    const second = await accepted(ctx, caseClosedEvent({ touchpoints: ['ophalen', 'afspraak-maken'] }));
    const asked = JSON.parse(String(invitation(ctx.db, second.invitationId).touchpoint_ids)) as number[];
    expect([...asked].sort()).toEqual([ids['afspraak-maken']!, ids.ophalen!].sort());
  });

  it("asks the journey's default set when the event names no touchpoints", async () => {
    const ctx = createTestContext();
    const ids = touchpointIds(ctx.db, 'verhuizing-doorgeven');
    // verhuizing-doorgeven: informatie-zoeken and adresonderzoek are not asked by default.
    const { touchpoints: _omitted, ...withoutTouchpoints } = caseClosedEvent({
      case: { reference: 'Z-V-1', caseType: 'adreswijziging', openedAt: '2026-11-18T09:00:00Z' },
    });
    const { invitationId } = await accepted(ctx, withoutTouchpoints);
    expect(JSON.parse(String(invitation(ctx.db, invitationId).touchpoint_ids))).toEqual([ids['verhuizing-melden'], ids.bevestiging]);

    // Named explicitly, a touchpoint that is not asked by default is asked.
    const named = await accepted(
      ctx,
      caseClosedEvent({
        case: { reference: 'Z-V-2', caseType: 'verhuizing-doorgeven' },
        touchpoints: ['informatie-zoeken', 'bevestiging'],
      }),
    );
    const asked = JSON.parse(String(invitation(ctx.db, named.invitationId).touchpoint_ids)) as number[];
    expect([...asked].sort()).toEqual([ids['informatie-zoeken']!, ids.bevestiging!].sort());
  });

  it('accepts the optional fields being absent: no lead time, empty segment, language nl', async () => {
    const ctx = createTestContext();
    const event = {
      id: 'evt-minimal-1',
      type: 'case.closed',
      occurredAt: '2026-11-20T14:03:00+01:00',
      case: { reference: 'Z-MIN-1', caseType: 'id-kaart-aanvragen' },
      citizen: { email: 'minimaal@example.nl' },
    };
    const { invitationId } = await accepted(ctx, event);
    expect(invitation(ctx.db, invitationId)).toMatchObject({
      lead_time_days: null,
      segment: '{}',
      language: 'nl',
      channel: null,
      case_closed_at: Date.parse('2026-11-20T13:03:00Z'),
    });
  });

  it('answers 422 naming an unknown caseType, and stores nothing', async () => {
    const ctx = createTestContext();
    const before = tableCounts(ctx.db);
    const event = caseClosedEvent({ case: { reference: 'Z-X-1', caseType: 'hondenbelasting' } });
    const body = await problemOf(await ctx.postEvent(event), 422);
    expect(body.detail).toContain('hondenbelasting');
    expect(body.errors).toEqual([{ field: 'case.caseType', message: expect.stringContaining('hondenbelasting') }]);
    expect(tableCounts(ctx.db)).toEqual(before);

    // Not recorded as processed: once a journey claims the case type, the same id is accepted.
    importJourney(
      ctx.db,
      journeyDefinitionSchema.parse({
        slug: 'hondenbelasting',
        name: 'Hondenbelasting',
        type: 'transactioneel',
        caseTypes: ['hondenbelasting'],
        touchpoints: [{ slug: 'aangifte', name: 'Aangifte doen', channel: 'web' }],
      }),
      ctx.clock,
    );
    await accepted(ctx, { ...event, touchpoints: undefined });
  });

  it('answers 422 when none of the named touchpoints belongs to the journey, and stores nothing', async () => {
    const ctx = createTestContext();
    const before = tableCounts(ctx.db);
    const body = await problemOf(await ctx.postEvent(caseClosedEvent({ touchpoints: ['intakegesprek'] })), 422);
    expect(body.detail).toContain('paspoort-aanvragen');
    expect(tableCounts(ctx.db)).toEqual(before);
  });
});

describe('POST /api/v1/events: idempotency', () => {
  it('processes the same id from the same key once: the repeat is a 202 duplicate and stores nothing', async () => {
    const ctx = createTestContext();
    const event = caseClosedEvent();
    const first = await accepted(ctx, event);
    const before = tableCounts(ctx.db);

    for (const repeat of [event, { ...event, citizen: { email: 'iemand-anders@example.nl' } }]) {
      const response = await ctx.postEvent(repeat);
      expect(response.status).toBe(202);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ eventId: event.id, status: 'duplicate', original: { status: 'accepted', reason: null } });
      expect(tableCounts(ctx.db)).toEqual(before);
    }
    expect(all(ctx.db, 'SELECT id FROM invitations')).toEqual([{ id: first.invitationId }]);
  });

  it('says in the 202 when a repeated id comes with a different payload, and still processes it once', async () => {
    const ctx = createTestContext();
    const event = caseClosedEvent();
    const first = await accepted(ctx, event);
    const before = tableCounts(ctx.db);

    // The same event resent with other key order and spacing is the same payload.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(event).reverse()), null, 2);
    const same = await ctx.postEvent(reordered);
    expect(same.status).toBe(202);
    const sameBody = (await same.json()) as Record<string, unknown>;
    expect(sameBody).toMatchObject({ status: 'duplicate', payloadDiffers: false });
    expect(sameBody).not.toHaveProperty('warning');

    for (const changed of [
      { ...event, citizen: { email: 'iemand-anders@example.nl' } },
      { ...event, case: { ...event.case, caseType: 'iets-anders' } },
    ]) {
      const response = await ctx.postEvent(changed);
      expect(response.status).toBe(202);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ eventId: event.id, status: 'duplicate', original: { status: 'accepted' }, payloadDiffers: true });
      expect(body.warning).toContain('different payload');
      expect(body.warning).toContain(event.id);
    }
    expect(tableCounts(ctx.db)).toEqual(before);
    expect(all(ctx.db, 'SELECT id FROM invitations')).toEqual([{ id: first.invitationId }]);
    expect(String(one(ctx.db, 'SELECT payload_hash FROM events').payload_hash)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports the original outcome of a suppressed event on a repeat', async () => {
    const ctx = createTestContext();
    await accepted(ctx, withEmail('dubbel@example.nl'));
    const suppressed = withEmail('dubbel@example.nl');
    expect(await (await ctx.postEvent(suppressed)).json()).toMatchObject({ status: 'suppressed', reason: 'recently-invited' });
    const before = tableCounts(ctx.db);
    const repeat = await ctx.postEvent(suppressed);
    expect(repeat.status).toBe(202);
    expect(await repeat.json()).toMatchObject({ status: 'duplicate', original: { status: 'suppressed', reason: 'recently-invited' } });
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it('treats the same id from another key as a separate event', async () => {
    const ctx = createTestContext();
    const second = createApiKey(ctx.db, 'tweede-bronsysteem', ctx.clock);
    const event = caseClosedEvent({ id: 'evt-shared-id' });
    await accepted(ctx, event);
    const response = await ctx.postEvent({ ...event, citizen: { email: 'ander@example.nl' } }, { key: second.key });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'accepted' });
    expect(all(ctx.db, `SELECT api_key_id FROM events WHERE event_id = 'evt-shared-id' ORDER BY id`)).toHaveLength(2);
    expect(tableCounts(ctx.db).invitations).toBe(2);
  });
});

describe('POST /api/v1/events: bad requests are refused and store nothing', () => {
  const authorizations: [string, (ctx: TestContext) => Record<string, string>][] = [
    ['no Authorization header', () => ({})],
    ['an unknown key', () => ({ Authorization: `Bearer mh_${'x'.repeat(43)}` })],
    ['a key without the mh_ prefix', (ctx) => ({ Authorization: `Bearer ${ctx.apiKey.slice(3)}` })],
    ['an empty bearer', () => ({ Authorization: 'Bearer ' })],
    ['the Basic scheme', (ctx) => ({ Authorization: `Basic ${Buffer.from(`x:${ctx.apiKey}`).toString('base64')}` })],
    ['the key without a scheme', (ctx) => ({ Authorization: ctx.apiKey })],
    ['two tokens', (ctx) => ({ Authorization: `Bearer ${ctx.apiKey} extra` })],
    ['a very long token', () => ({ Authorization: `Bearer mh_${'a'.repeat(5000)}` })],
  ];

  it.each(authorizations)('answers 401 for %s', async (_name, header) => {
    const ctx = createTestContext();
    const before = tableCounts(ctx.db);
    const response = await ctx.app.request('/api/v1/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...header(ctx) },
      body: JSON.stringify(caseClosedEvent()),
    });
    await problemOf(response, 401);
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it('answers 401 for a revoked key', async () => {
    const ctx = createTestContext();
    ctx.db.$client.prepare('UPDATE api_keys SET revoked_at = ?').run(ctx.clock.now().getTime());
    const before = tableCounts(ctx.db);
    await problemOf(await ctx.postEvent(caseClosedEvent()), 401);
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it('accepts the bearer scheme case-insensitively', async () => {
    const ctx = createTestContext();
    const response = await ctx.app.request('/api/v1/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `bearer ${ctx.apiKey}` },
      body: JSON.stringify(caseClosedEvent()),
    });
    expect(response.status).toBe(202);
  });

  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['form-encoded', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=xyz'],
    ['XML', 'application/xml'],
    ['a look-alike type', 'application/jsonp'],
  ])('answers 415 for %s, even when the body is JSON', async (_name, contentType) => {
    const ctx = createTestContext();
    const before = tableCounts(ctx.db);
    await problemOf(await ctx.postEvent(JSON.stringify(caseClosedEvent()), { contentType }), 415);
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it('answers 415 without a Content-Type', async () => {
    const ctx = createTestContext();
    const before = tableCounts(ctx.db);
    const response = await ctx.app.request('/api/v1/events', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ctx.apiKey}` },
      body: new TextEncoder().encode(JSON.stringify(caseClosedEvent())),
    });
    await problemOf(response, 415);
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it('accepts JSON with a charset parameter', async () => {
    const ctx = createTestContext();
    const response = await ctx.postEvent(caseClosedEvent(), { contentType: 'application/json; charset=utf-8' });
    expect(response.status).toBe(202);
  });

  /** A valid event whose JSON is exactly `bytes` long (UTF-8), padded with an ignored field. */
  function eventOfBytes(bytes: number, filler = 'x'): string {
    const base = JSON.stringify({ ...caseClosedEvent(), padding: '' });
    const fillerBytes = Buffer.byteLength(filler);
    const missing = bytes - Buffer.byteLength(base);
    const body = JSON.stringify({ ...JSON.parse(base), padding: filler.repeat(Math.floor(missing / fillerBytes)) + 'x'.repeat(missing % fillerBytes) });
    expect(Buffer.byteLength(body)).toBe(bytes);
    return body;
  }

  it('accepts a body of exactly 64 KiB and answers 413 for one byte more, storing nothing', async () => {
    const ctx = createTestContext();
    expect((await ctx.postEvent(eventOfBytes(64 * 1024))).status).toBe(202);
    const before = tableCounts(ctx.db);
    await problemOf(await ctx.postEvent(eventOfBytes(64 * 1024 + 1)), 413);
    await problemOf(await ctx.postEvent(eventOfBytes(1024 * 1024)), 413);
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it('over real HTTP, judges a body by its Content-Length and counts a chunked one as it arrives', async () => {
    const server = await startServer();
    try {
      /** POSTs `body` over a socket: with its Content-Length, or in chunks without one. */
      const post = (body: string, chunked: boolean) =>
        new Promise<{ status: number; text: string }>((resolve, reject) => {
          const request = httpRequest(`${server.url}/api/v1/events`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${server.apiKey}`, 'Content-Type': 'application/json', ...(chunked ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }) },
          });
          request.on('response', (response) => {
            let text = '';
            response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: response.statusCode!, text }));
          });
          request.on('error', reject);
          if (chunked) for (let at = 0; at < body.length; at += 8000) request.write(body.slice(at, at + 8000));
          else request.write(body);
          request.end();
        });
      const before = tableCounts(server.db);
      for (const chunked of [false, true]) {
        const tooLarge = await post(eventOfBytes(64 * 1024 + 1), chunked);
        expect(tooLarge.status, `chunked: ${chunked}`).toBe(413);
        expect(JSON.parse(tooLarge.text)).toMatchObject({ status: 413 });
      }
      expect(tableCounts(server.db)).toEqual(before);
      for (const chunked of [false, true]) expect((await post(eventOfBytes(64 * 1024), chunked)).status, `chunked: ${chunked}`).toBe(202);
      expect(one(server.db, 'SELECT count(*) AS n FROM events').n).toBe(before.events! + 2);
    } finally {
      await server.close();
    }
  });

  it('counts the limit in bytes, not characters', async () => {
    const ctx = createTestContext();
    const body = eventOfBytes(64 * 1024 + 2, 'é');
    expect(body.length).toBeLessThan(64 * 1024);
    const before = tableCounts(ctx.db);
    await problemOf(await ctx.postEvent(body), 413);
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it.each([
    ['truncated JSON', '{"id": "evt-1", "type": '],
    ['an empty body', ''],
    ['single quotes', "{'id': 'evt-1'}"],
  ])('answers 400 for malformed JSON: %s', async (_name, raw) => {
    const ctx = createTestContext();
    const before = tableCounts(ctx.db);
    await problemOf(await ctx.postEvent(raw), 400);
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  const invalid: [string, (event: ReturnType<typeof caseClosedEvent>) => unknown][] = [
    ['id', ({ id: _id, ...rest }) => rest],
    ['id', (event) => ({ ...event, id: '   ' })],
    ['type', (event) => ({ ...event, type: 'case.opened' })],
    ['occurredAt', (event) => ({ ...event, occurredAt: 'gisteren' })],
    ['occurredAt', (event) => ({ ...event, occurredAt: '2026-13-40T25:00:00Z' })],
    ['case.reference', (event) => ({ ...event, case: { ...event.case, reference: '' } })],
    ['case.caseType', (event) => ({ ...event, case: { ...event.case, caseType: undefined } })],
    ['case.openedAt', (event) => ({ ...event, case: { ...event.case, openedAt: '1 november' } })],
    ['case', ({ case: _case, ...rest }) => rest],
    ['citizen.email', (event) => ({ ...event, citizen: { email: 'geen-adres' } })],
    ['citizen.email', (event) => ({ ...event, citizen: { language: 'nl' } })],
    ['citizen.language', (event) => ({ ...event, citizen: { ...event.citizen, language: 'klingon' } })],
    ['citizen.email', ({ citizen: _citizen, ...rest }) => rest], // citizen may be absent only without an address ("delivery": "none"): the missing e-mail address is named
    ['touchpoints', (event) => ({ ...event, touchpoints: [] })],
    ['touchpoints', (event) => ({ ...event, touchpoints: 'balie' })],
    ['segment.ageBand', (event) => ({ ...event, segment: { ageBand: 65 } })],
  ];

  it.each(invalid)('answers 400 with a field error for %s', async (field, mutate) => {
    const ctx = createTestContext();
    const before = tableCounts(ctx.db);
    const body = await problemOf(await ctx.postEvent(mutate(caseClosedEvent())), 400);
    expect(body.errors).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(/\S/) }]));
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it('lists every invalid field at once', async () => {
    const ctx = createTestContext();
    const { id: _id, ...event } = caseClosedEvent({
      occurredAt: 'morgen',
      case: { reference: 'Z-1' },
      citizen: { email: 'jan(at)example.nl' },
    });
    const body = await problemOf(await ctx.postEvent(event), 400);
    expect(body.errors?.map((error) => error.field).sort()).toEqual(['case.caseType', 'citizen.email', 'id', 'occurredAt']);
  });

  it('names a missing required field, says what is expected and gives an example', async () => {
    const ctx = createTestContext();
    const event = caseClosedEvent();
    const body = await problemOf(await ctx.postEvent({ ...event, case: { ...event.case, reference: undefined } }), 400);
    expect(body.errors).toEqual([
      { field: 'case.reference', message: 'Missing required field "case.reference": expected a string, e.g. "Z-2026-000123".' },
    ]);
  });

  it('asks for a date-time with time and zone when occurredAt is only a date', async () => {
    const ctx = createTestContext();
    const body = await problemOf(await ctx.postEvent({ ...caseClosedEvent(), occurredAt: '2026-11-20' }), 400);
    expect(body.errors).toEqual([
      {
        field: 'occurredAt',
        message: '"occurredAt" must be an ISO 8601 date-time with time and time zone, e.g. "2026-11-20T14:03:00Z".',
      },
    ]);
  });

  it('tells a wrong value from a missing one and never echoes the address sent', async () => {
    const ctx = createTestContext();
    const event = caseClosedEvent();
    const body = await problemOf(await ctx.postEvent({ ...event, type: 'case.opened', citizen: { email: 'jan(at)example.nl' } }), 400);
    const messages = body.errors?.map((error) => error.message) ?? [];
    expect(messages).toContain('"type" must be one of "case.closed", "appointment.booked", "appointment.attended", "appointment.no_show", "appointment.cancelled", e.g. "case.closed".');
    const wrongAddress = await problemOf(await ctx.postEvent({ ...event, citizen: { email: 'jan(at)example.nl' } }), 400);
    expect(wrongAddress.errors).toEqual([{ field: 'citizen.email', message: '"citizen.email" must be an e-mail address, e.g. "jan@example.nl".' }]);
    expect(JSON.stringify(wrongAddress)).not.toContain('jan(at)');
  });

  it('answers 400 for JSON that is not an object', async () => {
    const ctx = createTestContext();
    const before = tableCounts(ctx.db);
    for (const raw of ['[]', 'null', '"case.closed"', '42']) {
      const body = await problemOf(await ctx.postEvent(raw), 400);
      expect(body.errors?.length).toBeGreaterThan(0);
    }
    expect(tableCounts(ctx.db)).toEqual(before);
  });
});

describe('POST /api/v1/events: suppression', () => {
  it('suppresses an address invited within the fatigue window, recognising it after normalisation', async () => {
    const ctx = createTestContext();
    const first = await accepted(ctx, withEmail('jan@example.nl'));
    const before = tableCounts(ctx.db);

    const repeat = withEmail('Jan@Example.nl ');
    const response = await ctx.postEvent(repeat);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ eventId: repeat.id, status: 'suppressed', reason: 'recently-invited' });

    // Keyed hash of the normalised address: the same for both, and not a plain hash of it.
    const hash = addressHash(ctx.addressHashKey, 'jan@example.nl');
    expect(hash).not.toBe(sha256('jan@example.nl'));
    const rows = all(ctx.db, 'SELECT * FROM invitations ORDER BY id');
    expect(rows.map((row) => row.address_hash)).toEqual([hash, hash]);
    expect(rows[0]!.id).toBe(first.invitationId);
    expect(rows[1]).toMatchObject({
      status: 'suppressed',
      suppressed_reason: 'recently-invited',
      email: null,
      token_hash: null,
      case_reference: repeat.case.reference,
    });

    // Recorded with its reason; no mail queued for it.
    expect(tableCounts(ctx.db)).toEqual({ ...before, events: before.events! + 1, invitations: before.invitations! + 1 });
    expect(all(ctx.db, 'SELECT id FROM outbox WHERE invitation_id = ?', rows[1]!.id)).toEqual([]);
    expect(one(ctx.db, 'SELECT outcome, reason, invitation_id FROM events WHERE event_id = ?', repeat.id)).toEqual({
      outcome: 'suppressed',
      reason: 'recently-invited',
      invitation_id: rows[1]!.id,
    });
  });

  it('invites again after the fatigue window (FATIGUE_DAYS, default 90); suppressed attempts do not extend it', async () => {
    const ctx = createTestContext();
    await accepted(ctx, withEmail('piet@example.nl'));
    ctx.clock.advanceDays(50);
    expect(await (await ctx.postEvent(withEmail('PIET@example.nl'))).json()).toMatchObject({ status: 'suppressed', reason: 'recently-invited' });
    ctx.clock.advanceDays(39); // 89 days after the invitation
    expect(await (await ctx.postEvent(withEmail('piet@example.nl'))).json()).toMatchObject({ status: 'suppressed', reason: 'recently-invited' });
    ctx.clock.advanceDays(2); // 91 days after the invitation
    await accepted(ctx, withEmail(' piet@Example.NL'));
    // ... and that new invitation starts a new window.
    expect(await (await ctx.postEvent(withEmail('piet@example.nl'))).json()).toMatchObject({ status: 'suppressed', reason: 'recently-invited' });
  });

  it('takes the fatigue window from FATIGUE_DAYS', async () => {
    const ctx = createTestContext({ FATIGUE_DAYS: '10' });
    await accepted(ctx, withEmail('kort@example.nl'));
    ctx.clock.advanceDays(9);
    expect(await (await ctx.postEvent(withEmail('kort@example.nl'))).json()).toMatchObject({ status: 'suppressed', reason: 'recently-invited' });
    ctx.clock.advanceDays(2);
    await accepted(ctx, withEmail('kort@example.nl'));
  });

  it('does not confuse different addresses', async () => {
    const ctx = createTestContext();
    await accepted(ctx, withEmail('a@example.nl'));
    await accepted(ctx, withEmail('b@example.nl'));
    await accepted(ctx, withEmail('a@example.com'));
  });

  it('reports opted-out before recently-invited (opt-out recorded with optOut())', async () => {
    const ctx = createTestContext();
    const { invitationId } = await accepted(ctx, withEmail('klaas@example.nl'));
    const hash = String(invitation(ctx.db, invitationId).address_hash);
    optOut(ctx.db, invitationId, hash, ctx.clock);

    const event = withEmail('  Klaas@EXAMPLE.nl');
    const response = await ctx.postEvent(event);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'suppressed', reason: 'opted-out' });
    const row = one(ctx.db, `SELECT * FROM invitations WHERE case_reference = ?`, event.case.reference);
    expect(row).toMatchObject({ status: 'suppressed', suppressed_reason: 'opted-out', email: null, token_hash: null, address_hash: hash });
    expect(one(ctx.db, 'SELECT reason FROM events WHERE event_id = ?', event.id).reason).toBe('opted-out');
  });

  it('keeps an opt-out made with the link in the mail (POST /afmelden/<token>) after the fatigue window', async () => {
    const ctx = createTestContext();
    const { invitationId } = await accepted(ctx, withEmail('marie@example.nl'));
    const token = tokenFromOutbox(ctx.db, invitationId);

    const page = await ctx.app.request(`/afmelden/${token}`, { method: 'POST' });
    expect(page.status).toBe(200);
    expect(one(ctx.db, 'SELECT address_hash, invitation_id FROM opt_outs')).toEqual({
      address_hash: addressHash(ctx.addressHashKey, 'marie@example.nl'),
      invitation_id: invitationId,
    });
    // The reminder not yet sent is cancelled.
    expect(one(ctx.db, `SELECT status FROM outbox WHERE invitation_id = ? AND kind = 'reminder'`, invitationId).status).toBe('cancelled');

    ctx.clock.advanceDays(91);
    const before = tableCounts(ctx.db);
    const response = await ctx.postEvent(withEmail('MARIE@example.nl '));
    expect(await response.json()).toMatchObject({ status: 'suppressed', reason: 'opted-out' });
    expect(tableCounts(ctx.db).outbox).toBe(before.outbox);
  });
});
