import { v7 as uuidv7 } from 'uuid';
import { and, eq, gt, lte, ne, sql } from 'drizzle-orm';
import { addDays, type Clock } from '../clock';
import type { Config } from '../config';
import type { Db, Store, Tx } from '../db/client';
import { placeholdersFor, preparedPerConnection } from '../db/prepared';
import { HOSTING_ORGANISATION_ID, invitations, journeys, mailErased, organisations, type AskedItem, optOuts, outbox, type suppressionReasons, type InvitationKind, type Journey, type NewOutboxMail, type OutboxMail, type Touchpoint } from '../db/schema';
import { addressHash, generateToken, hashToken, secureRandomBytes } from '../tokens';
import { autoSubmitted, renderSurveyMail, surveyMailSubject, type SurveyMail, type SurveyMailDeps, type SurveyMailInvitation } from './survey-mail';
import { assignLetterCode, citizenKeyHash, findLetterCode, formatCode, letterToken, unmatchableHash } from './letter-codes';
import { journeyItemsNow } from '../journeys/journey-cache';
import { itemsToAsk } from '../items/journey-items';
import { surveyMinutes } from '../items/item-bank';

export interface InvitationDeps {
  clock: Clock;
  config: Pick<
    Config,
    'PUBLIC_URL' | 'MAIL_FROM' | 'ORGANISATION_NAME' | 'FATIGUE_DAYS' | 'INVITATION_EXPIRY_DAYS' | 'REMINDER_AFTER_DAYS' | 'LANGUAGES_DIR'
  >;
  addressHashKey: string;
  /** The survey mail templates, passed in so this module does not depend on views. */
  mail: SurveyMailDeps['mail'];
}

interface InvitationDetails {
  /** Defaults to the journey-step survey. */
  kind?: InvitationKind;
  appointmentId?: number;
  journey: Journey;
  /**
   * The organisation whose event asks: the invitation and its mails are its own. Defaults to the
   * journey's; a chain journey's partner sends its own.
   */
  organisationId?: number;
  touchpoints: Touchpoint[];
  caseReference: string;
  language: string;
  segment: Record<string, string>;
  channel: string | null;
  leadTimeDays: number | null;
  caseClosedAt: Date;
}

/** By mail to an address, or by a letter the case system prints (with `citizenKey` for fatigue and opt-out). */
export type InvitationRequest = InvitationDetails & ({ delivery?: 'email'; email: string } | { delivery: 'letter' | 'none'; citizenKey?: string });

/** What the case system prints in a letter: the personal link and its short code. */
export interface LetterSurvey {
  url: string;
  code: string;
}

export type InvitationOutcome =
  | { status: 'accepted'; invitationId: number; expiresAt: Date; survey?: LetterSurvey }
  | { status: 'suppressed'; invitationId: number; reason: (typeof suppressionReasons)[number] };


// Placeholders in set() and where() are bound as given, not through the column's mapping: `now` is in epoch ms.
const invitationQueries = preparedPerConnection((store) => ({
  // closeAnsweredInvitation's two statements: what markSent, cancelMail and eraseMail do to a mail,
  // at once (SQLite evaluates every SET expression against the row as it was).
  closeAnsweredMail: store
    .update(outbox)
    .set({
      status: sql`CASE WHEN ${outbox.status} <> 'queued' THEN ${outbox.status} WHEN ${outbox.kind} = 'invitation' THEN 'sent' ELSE 'cancelled' END`,
      sentAt: sql`CASE WHEN ${outbox.status} = 'queued' AND ${outbox.kind} = 'invitation' THEN ${sql.placeholder('now')} ELSE ${outbox.sentAt} END`,
      ...mailErased,
      lastError: null,
    })
    .where(eq(outbox.invitationId, sql.placeholder('invitationId')))
    .prepare(),
  cancelMail: store
    .update(outbox)
    .set({ status: 'cancelled' })
    .where(and(eq(outbox.invitationId, sql.placeholder('invitationId')), eq(outbox.status, 'queued')))
    .prepare(),
  eraseEmail: store.update(invitations).set({ email: null }).where(eq(invitations.id, sql.placeholder('invitationId'))).prepare(),
  eraseMail: store
    .update(outbox)
    .set({ ...mailErased, lastError: null })
    .where(eq(outbox.invitationId, sql.placeholder('invitationId')))
    .prepare(),
  markAnswered: store
    .update(invitations)
    .set({ status: 'answered', answeredAt: sql`${sql.placeholder('now')}`, mailedAt: sql`coalesce(${invitations.mailedAt}, ${sql.placeholder('now')})`, email: null })
    .where(eq(invitations.id, sql.placeholder('invitationId')))
    .prepare(),
  byTokenHash: store.select().from(invitations).where(eq(invitations.tokenHash, sql.placeholder('tokenHash'))).prepare(),
  optedOut: store.select({ hash: optOuts.addressHash }).from(optOuts).where(eq(optOuts.addressHash, sql.placeholder('hash'))).prepare(),
  recentlyInvited: store
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.addressHash, sql.placeholder('hash')), ne(invitations.status, 'suppressed'), gt(invitations.createdAt, sql.placeholder('since'))))
    .prepare(),
  insert: store
    .insert(invitations)
    .values(placeholdersFor(invitations, ['delivery', 'kind', 'appointmentId', 'organisationId', 'journeyId', 'caseReference', 'addressHash', 'language', 'touchpointIds', 'items', 'segment', 'channel', 'leadTimeDays', 'caseClosedAt', 'createdAt', 'expiresAt', 'status', 'suppressedReason', 'mailedAt', 'tokenHash', 'email']))
    .returning({ id: invitations.id })
    .prepare(),
  insertMail: store
    .insert(outbox)
    .values(placeholdersFor(outbox, ['kind', 'organisationId', 'invitationId', 'toAddress', 'subject', 'textBody', 'htmlBody', 'linkToken', 'headers', 'messageId', 'dueAt', 'createdAt']))
    .prepare(),
  mailInvitation: store
    .select({
      survey: invitations.kind,
      journeyName: journeys.name,
      organisationId: invitations.organisationId,
      organisationName: organisations.name,
      touchpointIds: invitations.touchpointIds,
      items: invitations.items,
      language: invitations.language,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(journeys, eq(journeys.id, invitations.journeyId))
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.id, sql.placeholder('id')))
    .prepare(),
  organisationName: store
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, sql.placeholder('id')))
    .prepare(),
}));

/** The name a survey mail goes out in: a partner organisation's own; none (the configured name) for the hosting organisation. */
const sendingName = (organisationId: number, name: () => string | undefined) => (organisationId === HOSTING_ORGANISATION_ID ? undefined : name());

/** The steps a survey mail names and the minutes it promises, as the survey page will say them. */
const surveySize = (touchpointIds: readonly number[], items: readonly AskedItem[] | null) => ({
  stepCount: touchpointIds.length,
  minutes: surveyMinutes(
    touchpointIds.length,
    (items ?? []).map((item) => item.code),
  ),
});

/** Whether this address may be asked now; an opt-out is reported before any other reason. */
function suppressionReason(tx: Store, hash: string, now: Date, fatigueDays: number) {
  const queries = invitationQueries(tx);
  if (queries.optedOut.get({ hash })) return 'opted-out' as const;
  const recent = queries.recentlyInvited.get({ hash, since: addDays(now, -fatigueDays).getTime() });
  return recent ? ('recently-invited' as const) : undefined;
}

/**
 * A Message-ID that is unique and orders by time (UUIDv7, RFC 9562): the outbox's unique index
 * on it then grows at its end. Random ids put each mail in a random page of that index, so every
 * commit wrote a page per mail: a quarter of the pages an event costs (BENCHMARKS.md, issue 22).
 * Its random part comes from our pool (uuid asks webcrypto anew for each id).
 */
export function messageIdFor(mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'meethuis.localhost';
  return `<${uuidv7({ random: secureRandomBytes(16) })}@${domain}>`;
}

/**
 * A survey mail (the invitation or its reminder) queued without its bodies (createInvitation),
 * rendered now that it is about to be sent: from its invitation as it is now and the token kept
 * on its row until then.
 */
export function renderDueSurveyMail(db: Store, deps: SurveyMailDeps, mail: Pick<OutboxMail, 'id' | 'kind' | 'invitationId' | 'linkToken'>): SurveyMail {
  const row = mail.invitationId === null ? undefined : invitationQueries(db).mailInvitation.get({ id: mail.invitationId });
  if (!row || mail.linkToken === null) throw new Error(`Mail ${mail.id} has no invitation and link to render it from`);
  if (mail.kind !== 'invitation' && mail.kind !== 'reminder') throw new Error(`Mail ${mail.id} is a ${mail.kind}, not a survey mail`);
  const { organisationId, organisationName, ...invitation } = row;
  return renderSurveyMail(deps, mail.kind, { ...invitation, organisationName: sendingName(organisationId, () => organisationName), ...surveySize(row.touchpointIds, row.items) }, mail.linkToken);
}

/**
 * Creates the invitation and, in the same transaction as the caller's, its mails: the
 * invitation now and the reminder at its due time. The token exists only on those mails' rows
 * until they are sent; the invitation keeps its hash. Neither mail is rendered now: each keeps
 * its subject (what the outbox pages list) and the token, and the outbox worker renders it just
 * before sending (renderDueSurveyMail). Most reminders are cancelled by an answer before they are
 * due; and a rendered mail's bodies were a page of the database written per event, a sixth of
 * what ingest cost (BENCHMARKS.md, issue 22).
 */
export function createInvitation(tx: Tx, deps: InvitationDeps, request: InvitationRequest): InvitationOutcome {
  const { config } = deps;
  const now = deps.clock.now();
  const hash =
    'email' in request
      ? addressHash(deps.addressHashKey, request.email)
      : request.citizenKey
        ? citizenKeyHash(deps.addressHashKey, request.citizenKey)
        : unmatchableHash();
  const base = {
    delivery: request.delivery ?? 'email',
    kind: request.kind ?? 'journey',
    appointmentId: request.appointmentId ?? null,
    organisationId: request.organisationId ?? request.journey.organisationId,
    journeyId: request.journey.id,
    caseReference: request.caseReference,
    addressHash: hash,
    language: request.language,
    touchpointIds: request.touchpoints.map((touchpoint) => touchpoint.id),
    // The journey's items as they are now: the survey asks these, whatever the journey asks later.
    items: (request.kind ?? 'journey') === 'journey' ? itemsToAsk(journeyItemsNow(tx, request.journey.id), request.touchpoints.map((touchpoint) => touchpoint.id)) : [],
    segment: request.segment,
    channel: request.channel,
    leadTimeDays: request.leadTimeDays,
    caseClosedAt: request.caseClosedAt,
    createdAt: now,
    expiresAt: addDays(now, config.INVITATION_EXPIRY_DAYS),
  };

  const queries = invitationQueries(tx);
  const insert = (fields: Partial<Pick<typeof invitations.$inferInsert, 'status' | 'suppressedReason' | 'mailedAt' | 'tokenHash' | 'email'>>) =>
    queries.insert.get({ suppressedReason: null, mailedAt: null, tokenHash: null, email: null, ...base, ...fields })!;

  // Not invitable by any way: recorded so "Wie antwoordt, wie niet" can count who is missing.
  const reason = request.delivery === 'none' ? 'no-address' : suppressionReason(tx, hash, now, config.FATIGUE_DAYS);
  if (reason) {
    const row = insert({ status: 'suppressed', suppressedReason: reason });
    return { status: 'suppressed', invitationId: row.id, reason };
  }

  // A letter ('none' was suppressed above).
  if (!('email' in request)) {
    // Sent as far as meethuis can know: the link and code go to the case system in this answer, for its letter.
    const invitation = insert({ status: 'open', mailedAt: now });
    const { token, code } = assignLetterCode(tx, deps.addressHashKey, invitation.id);
    return { status: 'accepted', invitationId: invitation.id, expiresAt: base.expiresAt, survey: letterSurvey(config.PUBLIC_URL, token, code) };
  }

  const token = generateToken();
  const invitation = insert({ status: 'open', tokenHash: hashToken(token), email: request.email });

  const mailInvitation: SurveyMailInvitation = {
    survey: base.kind,
    journeyName: request.journey.name,
    organisationName: sendingName(base.organisationId, () => queries.organisationName.get({ id: base.organisationId })?.name),
    ...surveySize(base.touchpointIds, base.items),
    language: request.language,
    expiresAt: base.expiresAt,
  };
  const queue = (kind: 'invitation' | 'reminder', dueAt: Date, content: SurveyMail, linkToken: string) =>
    queries.insertMail.run({
      kind,
      organisationId: base.organisationId,
      invitationId: invitation.id,
      toAddress: request.email,
      ...content,
      linkToken,
      messageId: messageIdFor(config.MAIL_FROM),
      dueAt,
      createdAt: now,
    } satisfies NewOutboxMail);
  const unrendered = (kind: 'invitation' | 'reminder') => ({ subject: surveyMailSubject(deps, kind, mailInvitation), textBody: null, htmlBody: null, headers: autoSubmitted });
  queue('invitation', now, unrendered('invitation'), token);
  const remindAt = addDays(now, config.REMINDER_AFTER_DAYS);
  if (remindAt < base.expiresAt) queue('reminder', remindAt, unrendered('reminder'), token);

  return { status: 'accepted', invitationId: invitation.id, expiresAt: base.expiresAt };
}

export function letterSurvey(publicUrl: string, token: string, code: string): LetterSurvey {
  return { url: `${publicUrl}/s/${token}`, code: formatCode(code) };
}

/** A letter invitation's link and code, computed again (for a duplicate event's answer and the QR code). */
export function findLetterSurvey(db: Store, deps: Pick<InvitationDeps, 'addressHashKey' | 'config'>, invitationId: number): LetterSurvey | undefined {
  const row = db.select({ codeHash: invitations.codeHash }).from(invitations).where(and(eq(invitations.id, invitationId), eq(invitations.delivery, 'letter'))).get();
  const code = row?.codeHash ? findLetterCode(deps.addressHashKey, invitationId, row.codeHash) : undefined;
  return code ? letterSurvey(deps.config.PUBLIC_URL, letterToken(deps.addressHashKey, invitationId), code) : undefined;
}

export type TokenLookup =
  | { state: 'unknown' }
  | { state: 'expired' | 'answered' | 'open'; invitation: typeof invitations.$inferSelect };

/** Whether a link can still be answered; expiry is judged by the clock, not only the status. */
export function invitationState(invitation: Pick<typeof invitations.$inferSelect, 'status' | 'expiresAt'>, now: Date): 'expired' | 'answered' | 'open' {
  if (invitation.status === 'answered') return 'answered';
  if (invitation.status === 'expired' || invitation.expiresAt <= now) return 'expired';
  return 'open';
}

/** Finds an invitation by the token from a link, with its state (invitationState). */
export function findInvitationByToken(db: Store, token: string, now: Date): TokenLookup {
  if (token.length < 20 || token.length > 100) return { state: 'unknown' };
  const invitation = invitationQueries(db).byTokenHash.get({ tokenHash: hashToken(token) });
  if (!invitation) return { state: 'unknown' };
  return { state: invitationState(invitation, now), invitation };
}

/**
 * An answer through the link closes the invitation and erases its address, as
 * eraseInvitationAddress does, in two statements (every submission runs them). An invitation mail
 * still queued evidently reached the citizen — the process stopped after the SMTP server
 * accepted it and before it was marked — so it is recorded as sent, not cancelled, keeping the
 * outbox and the funnel true; any other mail still queued is cancelled.
 */
export function closeAnsweredInvitation(tx: Store, invitationId: number, now: Date): void {
  const queries = invitationQueries(tx);
  queries.closeAnsweredMail.run({ invitationId, now: now.getTime() });
  queries.markAnswered.run({ invitationId, now: now.getTime() });
}

/** Cancels mail not yet sent for these invitations (answered, expired or opted out). */
export function cancelPendingMail(tx: Store, invitationIds: number[]): void {
  const { cancelMail } = invitationQueries(tx);
  for (const invitationId of invitationIds) cancelMail.run({ invitationId });
}

/**
 * A closed invitation (answered, opted out, expired) needs its address no more, so it goes at
 * once, in the caller's transaction: from the invitation (its keyed hash stays for the fatigue
 * and opt-out rules) and from every mail of it — recipient, bodies with the personal link (or the link kept to render them), and
 * the last SMTP error, which may quote the recipient. Mail not yet sent is cancelled first. The
 * Message-ID stays, so a resend of a mail already handed to SMTP is still recognisable.
 * One invitation at a time: every submission erases one, and the statements are prepared once.
 */
export function eraseInvitationAddress(tx: Store, invitationIds: number[]): void {
  const { eraseEmail, eraseMail } = invitationQueries(tx);
  cancelPendingMail(tx, invitationIds);
  for (const invitationId of invitationIds) {
    eraseEmail.run({ invitationId });
    eraseMail.run({ invitationId });
  }
}

/** Marks open invitations past their expiry as expired, erasing their addresses and cancelling their reminders. */
export function expireInvitations(db: Db, clock: Clock): number {
  return db.transaction((tx) => {
    const expired = tx
      .update(invitations)
      .set({ status: 'expired' })
      .where(and(eq(invitations.status, 'open'), lte(invitations.expiresAt, clock.now())))
      .returning({ id: invitations.id })
      .all()
      .map((row) => row.id);
    eraseInvitationAddress(tx, expired);
    return expired.length;
  });
}

/** Records an opt-out for the address behind this invitation and erases it from every invitation and mail for it. */
export function optOut(db: Db, invitationId: number, addressHashValue: string, clock: Clock): void {
  db.transaction((tx) => {
    tx.insert(optOuts)
      .values({ addressHash: addressHashValue, createdAt: clock.now(), invitationId })
      .onConflictDoNothing()
      .run();
    const ids = tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(eq(invitations.addressHash, addressHashValue))
      .all()
      .map((row) => row.id);
    eraseInvitationAddress(tx, ids);
  });
}

/** Any invitation behind a link, whatever its state: opting out must keep working after expiry. */
export function findInvitationForOptOut(db: Db, token: string) {
  if (token.length < 20 || token.length > 100) return undefined;
  return db
    .select({ id: invitations.id, addressHash: invitations.addressHash, language: invitations.language })
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)))
    .get();
}
