import { expect } from 'vitest';
import type { Db } from '../../src/db/client';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport } from '../../src/mail/transport';
import { hashToken } from '../../src/tokens';
import { caseClosedEvent, type TestContext } from './test-context';
import { surveyTokenOf } from './survey-link';

/**
 * A citizen's data put in through the real paths (event API, survey pages, panel links) at the
 * test clock's "now", for the retention and data-subject-request tests.
 */

const tokenOf = (db: Db, invitationId: number) => {
  return surveyTokenOf(db, invitationId);
};

export function count(db: Db, sql: string, ...params: unknown[]): number {
  return (db.$client.prepare(sql).get(...params) as { n: number }).n;
}

/** Posts a case.closed event for the address; returns the invitation id and its survey token (if invited). */
export async function closeCase(ctx: TestContext, email: string, overrides: Record<string, unknown> = {}) {
  const event = caseClosedEvent({ citizen: { email, language: 'nl' }, occurredAt: ctx.clock.now().toISOString(), ...overrides });
  const response = await ctx.postEvent(event);
  expect(response.status).toBe(202);
  const body = (await response.json()) as { status: string; invitationId?: number };
  const invitation = ctx.db.$client.prepare('SELECT id, status FROM invitations ORDER BY id DESC LIMIT 1').get() as { id: number; status: string };
  return { event, status: body.status, invitationId: invitation.id, token: invitation.status === 'open' ? tokenOf(ctx.db, invitation.id) : undefined };
}

export interface SurveyAnswers {
  feelings?: [string, string, string];
  comment?: string;
  grade?: string;
  /** Sign up for the panel with this address (and confirm the membership). */
  panel?: { email: string; name?: string; phone?: string };
}

/** Answers the journey survey (paspoort: afspraak-maken, balie, ophalen) through POST /s/<token>. */
export async function answerSurvey(ctx: TestContext, token: string, answers: SurveyAnswers = {}) {
  const [a, b, c] = answers.feelings ?? ['-1', '1', '2'];
  const form: Record<string, string> = {
    'feeling-afspraak-maken': a,
    'feeling-balie': b,
    'feeling-ophalen': c,
    grade: answers.grade ?? '6',
    effort: '4',
  };
  if (answers.comment) form['comment-balie'] = answers.comment;
  if (answers.panel) {
    const page = await (await ctx.app.request(`/s/${token}`)).text();
    const hash = /name="panel-text-hash" value="([0-9a-f]{64})"/.exec(page)![1]!;
    Object.assign(form, { 'panel-consent': 'ja', 'panel-email': answers.panel.email, 'panel-text-hash': hash });
    if (answers.panel.name) form['panel-name'] = answers.panel.name;
    if (answers.panel.phone) form['panel-phone'] = answers.panel.phone;
  }
  const response = await ctx.app.request(`/s/${token}`, { method: 'POST', body: new URLSearchParams(form) });
  expect(response.status).toBe(200);
  const responseId = (ctx.db.$client.prepare('SELECT r.id FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE i.token_hash = ?').get(hashToken(token)) as { id: number }).id;
  if (answers.panel) {
    const mail = ctx.db.$client.prepare("SELECT text_body FROM outbox WHERE kind = 'panel-confirmation' ORDER BY id DESC LIMIT 1").get() as { text_body: string };
    const confirm = /\/burgerpanel\/bevestigen\/[A-Za-z0-9_-]+/.exec(mail.text_body)![0];
    expect((await ctx.app.request(confirm, { method: 'POST' })).status).toBe(200);
  }
  return responseId;
}

/** Maps the product "paspoort" to the passport journey, so a no-show with an address gets "we hebben u gemist". */
export function mapPassportProduct(db: Db) {
  const journey = db.$client.prepare("SELECT id FROM journeys WHERE slug = 'paspoort-aanvragen'").get() as { id: number };
  db.$client.prepare('INSERT OR IGNORE INTO appointment_products (product, journey_id) VALUES (?, ?)').run('paspoort', journey.id);
}

let appointmentSequence = 0;

/** A booked appointment the citizen missed, with their address; answers "we hebben u gemist" when asked. */
export async function missAppointment(ctx: TestContext, email: string, answer?: { reason: string; comment?: string }) {
  appointmentSequence++;
  const reference = `A-PRIV-${appointmentSequence}`;
  const now = ctx.clock.now();
  const booked = {
    id: `priv-booked-${appointmentSequence}-${now.getTime()}`,
    type: 'appointment.booked',
    occurredAt: new Date(now.getTime() - 20 * 86_400_000).toISOString(),
    appointment: {
      reference,
      product: 'paspoort',
      location: 'Stadskantoor',
      channel: 'web',
      bookedAt: new Date(now.getTime() - 20 * 86_400_000).toISOString(),
      startsAt: new Date(now.getTime() - 3_600_000).toISOString(),
    },
    segment: { district: 'Woensel' },
  };
  expect((await ctx.postEvent(booked)).status).toBe(202);
  const noShow = { id: `priv-noshow-${appointmentSequence}-${now.getTime()}`, type: 'appointment.no_show', occurredAt: now.toISOString(), appointment: { reference }, citizen: { email } };
  const response = await ctx.postEvent(noShow);
  expect(response.status).toBe(202);
  const body = (await response.json()) as { survey?: { status: string; invitationId?: number } };
  const appointmentId = (ctx.db.$client.prepare('SELECT id FROM appointments WHERE reference = ?').get(reference) as { id: number }).id;
  if (answer && body.survey?.status === 'accepted') {
    const token = tokenOf(ctx.db, body.survey.invitationId!);
    const form = new URLSearchParams({ reason: answer.reason, ...(answer.comment ? { comment: answer.comment } : {}), booking: '-1' });
    expect((await ctx.app.request(`/s/${token}`, { method: 'POST', body: form })).status).toBe(200);
  }
  return { reference, appointmentId, invitationId: body.survey?.invitationId };
}

/** Hands every due mail to the embedded mailbox transport (marks them sent; bodies stay, as in embedded mode). */
export async function sendDueMail(ctx: TestContext) {
  const transport = createMailTransport({ smtpUrl: undefined, from: ctx.config.MAIL_FROM });
  try {
    await deliverDueMails(ctx.db, transport, ctx, 1000);
  } finally {
    transport.close();
  }
}

/**
 * Every column of every table, read from sqlite_master (not a list of known columns, so a table
 * added later is searched too). SQLite keeps text in a column of any declared type.
 */
export function allColumns(db: Db): { table: string; column: string }[] {
  const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").pluck().all() as string[];
  return tables.flatMap((table) =>
    (db.$client.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).map((column) => ({ table, column })),
  );
}

/** Every table.column whose value, read as text, contains the needle (case-insensitive), with a count. */
export function whereFound(db: Db, needle: string): string[] {
  const found: string[] = [];
  for (const { table, column } of allColumns(db)) {
    const n = count(db, `SELECT count(*) AS n FROM "${table}" WHERE instr(lower(CAST("${column}" AS TEXT)), lower(?)) > 0`, needle);
    if (n > 0) found.push(`${table}.${column} (${n})`);
  }
  return found;
}

/** Where the address is held, written plainly or URL-encoded (as in a link). */
export function whereAddressFound(db: Db, address: string): string[] {
  return [...new Set([...whereFound(db, address), ...whereFound(db, encodeURIComponent(address))])];
}
