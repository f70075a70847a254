import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Timestamps are stored as milliseconds since the epoch; drizzle maps them to Date.
const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
const createdAt = () => timestamp('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const journeyTypes = [
  'feitelijk',
  'ervaring',
  'relatie',
  'transactioneel',
  'emotioneel',
  'symbolisch-moment',
] as const;

export const channels = [
  'web',
  'telefoon',
  'balie',
  'post',
  'e-mail',
  'chat',
  'video',
  'huisbezoek',
  'overig',
] as const;

export const journeys = sqliteTable('journeys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  type: text('type', { enum: journeyTypes }).notNull(),
  lifeEvent: text('life_event'),
  description: text('description'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at'),
});

// A case type triggers at most one journey, so the event API can pick the journey unambiguously.
export const journeyCaseTypes = sqliteTable('journey_case_types', {
  caseType: text('case_type').primaryKey(),
  journeyId: integer('journey_id')
    .notNull()
    .references(() => journeys.id, { onDelete: 'cascade' }),
});

export const touchpoints = sqliteTable(
  'touchpoints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    journeyId: integer('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    channel: text('channel', { enum: channels }).notNull(),
    position: integer('position').notNull(),
    serviceNorm: text('service_norm'),
    momentOfTruth: integer('moment_of_truth', { mode: 'boolean' }).notNull().default(false),
    askedByDefault: integer('asked_by_default', { mode: 'boolean' }).notNull().default(true),
    // The feeling question as the citizen reads it; null means the standard wording with the name.
    question: text('question'),
    questionEn: text('question_en'),
    // A touchpoint with answers is archived, never deleted, so history stays true.
    archivedAt: timestamp('archived_at'),
  },
  (t) => [uniqueIndex('touchpoints_journey_slug').on(t.journeyId, t.slug)],
);

export const apiKeys = sqliteTable('api_keys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  // SHA-256 of the key: keys are long random values, so a fast hash is enough.
  keyHash: text('key_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at'),
  revokedAt: timestamp('revoked_at'),
});

export const eventOutcomes = ['accepted', 'suppressed'] as const;

export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at').notNull(),
    receivedAt: timestamp('received_at').notNull(),
    // The payload without the citizen's address: the address lives only on the invitation.
    payload: text('payload', { mode: 'json' }).notNull(),
    outcome: text('outcome', { enum: eventOutcomes }).notNull(),
    reason: text('reason'),
    invitationId: integer('invitation_id').references(() => invitations.id),
  },
  (t) => [uniqueIndex('events_key_event').on(t.apiKeyId, t.eventId)],
);

// open: link mailed (or queued) and not yet answered; the mail's own state lives in the outbox.
export const invitationStatuses = ['open', 'answered', 'expired', 'suppressed'] as const;
// journey: the journey-step survey after a closed case; no-show: "we hebben u gemist" after a missed appointment.
export const invitationKinds = ['journey', 'no-show'] as const;
export type InvitationKind = (typeof invitationKinds)[number];
export const suppressionReasons = ['opted-out', 'recently-invited'] as const;

export const invitations = sqliteTable(
  'invitations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    journeyId: integer('journey_id')
      .notNull()
      .references(() => journeys.id),
    kind: text('kind', { enum: invitationKinds }).notNull().default('journey'),
    caseReference: text('case_reference').notNull(),
    appointmentId: integer('appointment_id'),
    // SHA-256 of the survey token; null for suppressed invitations, which get no link.
    tokenHash: text('token_hash').unique(),
    email: text('email'),
    // Keyed hash (HMAC) of the normalised address, for fatigue and opt-out checks.
    addressHash: text('address_hash').notNull(),
    language: text('language').notNull().default('nl'),
    touchpointIds: text('touchpoint_ids', { mode: 'json' }).$type<number[]>().notNull(),
    segment: text('segment', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    channel: text('channel'),
    leadTimeDays: real('lead_time_days'),
    caseClosedAt: timestamp('case_closed_at').notNull(),
    status: text('status', { enum: invitationStatuses }).notNull(),
    suppressedReason: text('suppressed_reason', { enum: suppressionReasons }),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    answeredAt: timestamp('answered_at'),
    // When an SMTP server (or the mailbox) accepted the invitation mail: the "sent" of the response funnel.
    mailedAt: timestamp('mailed_at'),
  },
  (t) => [
    index('invitations_address_created').on(t.addressHash, t.createdAt),
    // Covers the response funnel (counts per status in a period) without touching the table.
    index('invitations_journey_created').on(t.journeyId, t.createdAt, t.status, t.suppressedReason, t.mailedAt),
    index('invitations_status_expires').on(t.status, t.expiresAt),
  ],
);

export const optOuts = sqliteTable('opt_outs', {
  addressHash: text('address_hash').primaryKey(),
  createdAt: timestamp('created_at').notNull(),
  invitationId: integer('invitation_id').references(() => invitations.id),
});

export const mailKinds = ['invitation', 'reminder', 'panel-confirmation', 'panel-invitation', 'panel-reminder', 'panel-renewal'] as const;
export const mailStatuses = ['queued', 'sent', 'failed', 'cancelled'] as const;

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: mailKinds }).notNull(),
    invitationId: integer('invitation_id').references(() => invitations.id),
    // Panel mails: the member they go to (a withdrawn member's queued mails are cancelled).
    panelMemberId: integer('panel_member_id'),
    panelParticipantId: integer('panel_participant_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    // Bodies carry the personal link; they are erased once an SMTP server accepted the mail.
    textBody: text('text_body'),
    htmlBody: text('html_body'),
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    // Our own Message-ID, fixed at enqueue time so a resend after a crash is recognisable.
    messageId: text('message_id').notNull().unique(),
    status: text('status', { enum: mailStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    dueAt: timestamp('due_at').notNull(),
    lastError: text('last_error'),
    transport: text('transport'),
    smtpResponse: text('smtp_response'),
    createdAt: timestamp('created_at').notNull(),
    sentAt: timestamp('sent_at'),
  },
  (t) => [index('outbox_status_due').on(t.status, t.dueAt), index('outbox_invitation').on(t.invitationId)],
);

export const responses = sqliteTable('responses', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  invitationId: integer('invitation_id')
    .notNull()
    .unique()
    .references(() => invitations.id),
  journeyId: integer('journey_id')
    .notNull()
    .references(() => journeys.id),
  grade: integer('grade').notNull(),
  effort: integer('effort').notNull(),
  segment: text('segment', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  channel: text('channel'),
  leadTimeDays: real('lead_time_days'),
  submittedAt: timestamp('submitted_at').notNull(),
});

export const answers = sqliteTable(
  'answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    responseId: integer('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    journeyId: integer('journey_id')
      .notNull()
      .references(() => journeys.id),
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id),
    // −2 (zeer negatief) … +2 (zeer positief); null when the citizen chose "niet van toepassing".
    feeling: integer('feeling'),
    comment: text('comment'),
    segment: text('segment', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    answeredAt: timestamp('answered_at').notNull(),
  },
  (t) => [
    uniqueIndex('answers_response_touchpoint').on(t.responseId, t.touchpointId),
    index('answers_touchpoint_time').on(t.touchpointId, t.answeredAt),
    index('answers_journey_time').on(t.journeyId, t.answeredAt),
    // The citizens' own words at a touchpoint, newest first, without scanning answers without text.
    index('answers_comments').on(t.touchpointId, t.answeredAt).where(sql`${t.comment} IS NOT NULL`),
  ],
);

/**
 * Daily roll-ups of feelings, maintained in the same transaction as every response, so the
 * dashboard reads thousands of rows instead of a million. Each answer is counted once under
 * segment ('', '') — everyone — and once under each of its segment key/value pairs.
 */
export const feelingRollups = sqliteTable(
  'feeling_rollups',
  {
    journeyId: integer('journey_id').notNull(),
    segmentKey: text('segment_key').notNull(),
    segmentValue: text('segment_value').notNull(),
    day: text('day').notNull(),
    touchpointId: integer('touchpoint_id').notNull(),
    channel: text('channel').notNull(),
    // All answers, "niet van toepassing" included; n, sum and sumSquares only over feelings given.
    answers: integer('answers').notNull(),
    n: integer('n').notNull(),
    sum: integer('sum').notNull(),
    sumSquares: integer('sum_squares').notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.segmentKey, t.segmentValue, t.day, t.touchpointId, t.channel] })],
);

/** The segment values and channels seen per journey: the choices of the dashboard's filters. */
export const journeyDimensions = sqliteTable(
  'journey_dimensions',
  {
    journeyId: integer('journey_id').notNull(),
    // 'channel', or the segment key
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    isChannel: integer('is_channel', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.isChannel, t.dimension, t.value] })],
);

/**
 * Daily roll-ups per response: rapportcijfer, effort, and the feeling pooled over the response's
 * answers, by lead-time band too (the process link). Kept apart from the per-touchpoint roll-ups
 * so those do not multiply by six bands.
 */
export const responseRollups = sqliteTable(
  'response_rollups',
  {
    journeyId: integer('journey_id').notNull(),
    segmentKey: text('segment_key').notNull(),
    segmentValue: text('segment_value').notNull(),
    day: text('day').notNull(),
    channel: text('channel').notNull(),
    leadBand: text('lead_band').notNull(),
    n: integer('n').notNull(),
    gradeSum: integer('grade_sum').notNull(),
    gradeSumSquares: integer('grade_sum_squares').notNull(),
    gradeAtLeastSeven: integer('grade_at_least_seven').notNull(),
    effortSum: integer('effort_sum').notNull(),
    effortSumSquares: integer('effort_sum_squares').notNull(),
    feelingN: integer('feeling_n').notNull(),
    feelingSum: integer('feeling_sum').notNull(),
    feelingSumSquares: integer('feeling_sum_squares').notNull(),
  },
  (t) => [primaryKey({ columns: [t.journeyId, t.segmentKey, t.segmentValue, t.day, t.channel, t.leadBand] })],
);

export type Journey = typeof journeys.$inferSelect;
export type Touchpoint = typeof touchpoints.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type OutboxMail = typeof outbox.$inferSelect;
export type NewOutboxMail = typeof outbox.$inferInsert;

export const roles = ['admin', 'manager', 'researcher'] as const;
export type Role = (typeof roles)[number];

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  // Normalised (trimmed, lower case); personal accounts only.
  email: text('email').notNull().unique(),
  role: text('role', { enum: roles }).notNull(),
  // scrypt, self-describing ("scrypt$N$r$p$salt$hash"); null until the user set a password through a link.
  passwordHash: text('password_hash'),
  // TOTP secret, encrypted with the data key (AES-256-GCM); confirmed once totpEnabledAt is set.
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at'),
  // The last accepted TOTP time step: a code is never accepted twice.
  totpLastStep: integer('totp_last_step'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until'),
  lastLoginAt: timestamp('last_login_at'),
  createdAt: timestamp('created_at').notNull(),
  disabledAt: timestamp('disabled_at'),
});

export const setupLinkPurposes = ['first-admin', 'set-password'] as const;

/** One-time links: the first admin's, and a new user's "choose your password". Only the hash is kept. */
export const setupLinks = sqliteTable('setup_links', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tokenHash: text('token_hash').notNull().unique(),
  purpose: text('purpose', { enum: setupLinkPurposes }).notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  usedAt: timestamp('used_at'),
});

export const sessions = sqliteTable(
  'sessions',
  {
    // SHA-256 of the cookie value: a database leak does not hand out sessions.
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // False between a correct password and a correct second-factor code.
    secondFactorDone: integer('second_factor_done', { mode: 'boolean' }).notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    origin: text('origin'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at'),
  },
  (t) => [index('recovery_codes_user').on(t.userId)],
);

export const auditResults = ['success', 'failure', 'denied'] as const;

/** BIO log line: who (actor) did what (action) to what (object), with what result, from where, when. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: timestamp('at').notNull(),
    action: text('action').notNull(),
    object: text('object'),
    result: text('result', { enum: auditResults }).notNull(),
    origin: text('origin'),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    // The actor as they were known then (an e-mail, "cli", "system"): survives user deletion.
    actor: text('actor').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_action_at').on(t.action, t.at)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;

export const appointmentStatuses = ['booked', 'attended', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/**
 * One row per appointment (by its reference in the booking system), updated by later events or
 * import rows. The dimension columns the no-show patterns group by are computed once on write.
 */
export const appointments = sqliteTable(
  'appointments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reference: text('reference').notNull().unique(),
    product: text('product').notNull(),
    location: text('location').notNull(),
    channel: text('channel').notNull(),
    bookedAt: timestamp('booked_at'),
    startsAt: timestamp('starts_at').notNull(),
    reminderSentAt: timestamp('reminder_sent_at'),
    status: text('status', { enum: appointmentStatuses }).notNull(),
    // When the current status happened; an older event never overrides a newer outcome.
    statusAt: timestamp('status_at').notNull(),
    segment: text('segment', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    // Dutch calendar day, weekday (1 = Monday … 7) and hour of the appointment; lead-time band.
    day: text('day').notNull(),
    weekday: integer('weekday').notNull(),
    hour: integer('hour').notNull(),
    leadBand: text('lead_band').notNull(),
    reminded: integer('reminded', { mode: 'boolean' }).notNull(),
    // Keyed hash of the citizen's address when known (for the "we missed you" survey's fatigue checks).
    addressHash: text('address_hash'),
    source: text('source').notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    // Covers the pattern queries: one pass over the period with every dimension at hand.
    index('appointments_patterns').on(t.day, t.product, t.location, t.channel, t.weekday, t.hour, t.leadBand, t.reminded, t.status),
  ],
);

/** Which journey and touchpoint a product's appointment belongs to ("paspoort" → passport journey, counter visit). */
export const appointmentProducts = sqliteTable('appointment_products', {
  product: text('product').primaryKey(),
  journeyId: integer('journey_id')
    .notNull()
    .references(() => journeys.id, { onDelete: 'cascade' }),
  touchpointId: integer('touchpoint_id').references(() => touchpoints.id, { onDelete: 'set null' }),
});

export type Appointment = typeof appointments.$inferSelect;

export const noShowReasons = ['vergeten', 'kon-niet', 'opgelost', 'afzeggen-onduidelijk', 'te-ver-weg', 'anders'] as const;
export type NoShowReason = (typeof noShowReasons)[number];

/** Answers to "we hebben u gemist": why the citizen did not come, and how booking felt. */
export const noShowResponses = sqliteTable(
  'no_show_responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    invitationId: integer('invitation_id')
      .notNull()
      .unique()
      .references(() => invitations.id),
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: noShowReasons }).notNull(),
    comment: text('comment'),
    // −2 … +2, null for "niet van toepassing".
    bookingFeeling: integer('booking_feeling'),
    submittedAt: timestamp('submitted_at').notNull(),
  },
  (t) => [index('no_show_responses_appointment').on(t.appointmentId)],
);

export const panelMemberStatuses = ['pending', 'active', 'withdrawn', 'expired'] as const;
export type PanelMemberStatus = (typeof panelMemberStatuses)[number];

/**
 * Consent panel (burgerpanel): citizens who agreed to be approached for a follow-up interview.
 * Contact details live here only, encrypted with the data key, apart from the answers; they are
 * erased (null) on withdrawal or expiry, leaving only the anonymous response.
 */
export const panelMembers = sqliteTable(
  'panel_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    status: text('status', { enum: panelMemberStatuses }).notNull(),
    // AES-256-GCM of JSON {email, name, phone, preferredContact}; null once erased.
    contact: text('contact'),
    responseId: integer('response_id').references(() => responses.id),
    journeyId: integer('journey_id').notNull(),
    createdAt: timestamp('created_at').notNull(),
    confirmBefore: timestamp('confirm_before').notNull(),
    confirmedAt: timestamp('confirmed_at'),
    consentExpiresAt: timestamp('consent_expires_at'),
    renewalMailedAt: timestamp('renewal_mailed_at'),
    lastContactAt: timestamp('last_contact_at'),
    endedAt: timestamp('ended_at'),
  },
  (t) => [index('panel_members_status').on(t.status, t.journeyId)],
);

/** The proof of each consent event: which text (version and SHA-256 of the exact text), when, from which response. */
export const panelConsents = sqliteTable(
  'panel_consents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => panelMembers.id),
    event: text('event', { enum: ['given', 'confirmed', 'renewed', 'withdrawn', 'expired'] }).notNull(),
    textVersion: text('text_version'),
    textHash: text('text_hash'),
    responseId: integer('response_id'),
    at: timestamp('at').notNull(),
    // 'citizen', 'researcher:<user id>', 'system'
    by: text('by').notNull(),
  },
  (t) => [index('panel_consents_member').on(t.memberId)],
);

/** Every consent text ever shown, by the SHA-256 of its exact wording: the proof shows it back. */
export const panelConsentTexts = sqliteTable('panel_consent_texts', {
  hash: text('hash').primaryKey(),
  version: text('version').notNull(),
  text: text('text').notNull(),
  firstShownAt: timestamp('first_shown_at').notNull(),
});

export const panelLinkPurposes = ['confirm', 'withdraw', 'study', 'renew'] as const;

/** Links in panel mails; only the hash of each token is kept. */
export const panelLinks = sqliteTable('panel_links', {
  tokenHash: text('token_hash').primaryKey(),
  memberId: integer('member_id')
    .notNull()
    .references(() => panelMembers.id),
  purpose: text('purpose', { enum: panelLinkPurposes }).notNull(),
  participantId: integer('participant_id'),
  createdAt: timestamp('created_at').notNull(),
});

export const studies = sqliteTable('studies', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  purpose: text('purpose').notNull(),
  journeyId: integer('journey_id').references(() => journeys.id),
  invitationText: text('invitation_text').notNull(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at').notNull(),
});

export const participantStatuses = ['invited', 'accepted', 'declined', 'no-answer', 'interviewed'] as const;
export type ParticipantStatus = (typeof participantStatuses)[number];

/** A member invited to a study: each row is one contact, counted by the contact caps. */
export const studyParticipants = sqliteTable(
  'study_participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    studyId: integer('study_id')
      .notNull()
      .references(() => studies.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => panelMembers.id),
    status: text('status', { enum: participantStatuses }).notNull(),
    invitedAt: timestamp('invited_at').notNull(),
    answeredAt: timestamp('answered_at'),
  },
  (t) => [uniqueIndex('study_participants_study_member').on(t.studyId, t.memberId), index('study_participants_member').on(t.memberId, t.invitedAt)],
);

export type PanelMember = typeof panelMembers.$inferSelect;
export type Study = typeof studies.$inferSelect;

/** Verbeteracties: the actieplan (who, what, when) agreed on a dip, and what citizens are told about it. */
export const actionStatuses = ['idee', 'gepland', 'bezig', 'klaar'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export const improvementActions = sqliteTable(
  'improvement_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    journeyId: integer('journey_id')
      .notNull()
      .references(() => journeys.id),
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id),
    title: text('title').notNull(),
    description: text('description'),
    owner: text('owner').notNull(),
    // Calendar days in Amsterdam time, 'YYYY-MM-DD', like the roll-ups.
    dueOn: text('due_on'),
    status: text('status', { enum: actionStatuses }).notNull().default('idee'),
    doneOn: text('done_on'),
    // What citizens read on /verbeteringen; shown only while publishedAt is set.
    publicSummary: text('public_summary'),
    publishedAt: timestamp('published_at'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('improvement_actions_journey').on(t.journeyId, t.touchpointId),
    index('improvement_actions_published').on(t.publishedAt),
  ],
);
export type ImprovementAction = typeof improvementActions.$inferSelect;

/**
 * ZGW (Zaakgericht Werken): a notification service (Open Notificaties) that calls our webhook,
 * and the ZGW APIs we then read. The Authorization value the service sends is kept only as its
 * SHA-256; the JWT secret (and Open Klant's token) are encrypted with the data key and never shown again.
 */
export const zgwSubscriptions = sqliteTable('zgw_subscriptions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  authHash: text('auth_hash').notNull(),
  // Base URLs without a trailing slash, e.g. https://zaken.example.nl/zaken/api/v1
  zakenApi: text('zaken_api').notNull(),
  catalogiApi: text('catalogi_api').notNull(),
  klantinteractiesApi: text('klantinteracties_api'),
  clientId: text('client_id').notNull(),
  // AES-256-GCM with the data key; erased (null) when the subscription is revoked.
  secret: text('secret'),
  klantinteractiesToken: text('klantinteracties_token'),
  createdAt: timestamp('created_at').notNull(),
  revokedAt: timestamp('revoked_at'),
});

/** zaaktype (by URL or identificatie) or Open Klant onderwerp → journey (and optionally one touchpoint). */
export const zgwMappingKinds = ['zaaktype-url', 'zaaktype-identificatie', 'onderwerp'] as const;
export type ZgwMappingKind = (typeof zgwMappingKinds)[number];

export const zgwMappings = sqliteTable(
  'zgw_mappings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: zgwMappingKinds }).notNull(),
    // Normalised: a URL without trailing slash; an onderwerp trimmed, in lower case.
    key: text('key').notNull(),
    journeyId: integer('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    touchpointId: integer('touchpoint_id').references(() => touchpoints.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('zgw_mappings_kind_key').on(t.kind, t.key)],
);

export const zgwNotificationStatuses = ['pending', 'done', 'skipped', 'failed'] as const;
export type ZgwNotificationStatus = (typeof zgwNotificationStatuses)[number];
export const zgwNotificationSources = ['notification', 'reconcile'] as const;
export const zgwOutcomes = ['invited', 'suppressed', 'already-invited'] as const;
export type ZgwOutcome = (typeof zgwOutcomes)[number];

/**
 * The durable inbox: every valid message the webhook received (answered 204 once stored), and
 * the zaken reconciliation found. Processed from here with retries; what became of each is kept.
 */
export const zgwNotifications = sqliteTable(
  'zgw_notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => zgwSubscriptions.id),
    // kanaal|resource|resourceUrl|actie (and aanmaakdatum for updates): a repeated delivery hits this index.
    dedupeKey: text('dedupe_key').notNull().unique(),
    source: text('source', { enum: zgwNotificationSources }).notNull(),
    kanaal: text('kanaal').notNull(),
    resource: text('resource').notNull(),
    actie: text('actie').notNull(),
    resourceUrl: text('resource_url').notNull(),
    hoofdObject: text('hoofd_object').notNull(),
    aanmaakdatum: timestamp('aanmaakdatum').notNull(),
    kenmerken: text('kenmerken', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    receivedAt: timestamp('received_at').notNull(),
    // How often the same message arrived (at-least-once delivery); processed once.
    deliveries: integer('deliveries').notNull().default(1),
    status: text('status', { enum: zgwNotificationStatuses }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    lastError: text('last_error'),
    skipReason: text('skip_reason'),
    // What the reason is about, e.g. the unmapped zaaktype; never an address.
    detail: text('detail'),
    outcome: text('outcome', { enum: zgwOutcomes }),
    // The zaak identificatie (or contact number) once known.
    caseReference: text('case_reference'),
    invitationId: integer('invitation_id').references(() => invitations.id),
    processedAt: timestamp('processed_at'),
  },
  (t) => [index('zgw_notifications_due').on(t.status, t.nextAttemptAt), index('zgw_notifications_received').on(t.receivedAt)],
);

/** A zaak (or Open Klant contact) that led to an invitation: the same one never invites twice. */
export const zgwCases = sqliteTable('zgw_cases', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  objectUrl: text('object_url').notNull().unique(),
  kind: text('kind', { enum: ['zaak', 'klantcontact'] }).notNull(),
  reference: text('reference').notNull(),
  subscriptionId: integer('subscription_id')
    .notNull()
    .references(() => zgwSubscriptions.id),
  notificationId: integer('notification_id').references(() => zgwNotifications.id),
  invitationId: integer('invitation_id')
    .notNull()
    .references(() => invitations.id),
  createdAt: timestamp('created_at').notNull(),
});

export type ZgwSubscription = typeof zgwSubscriptions.$inferSelect;
export type ZgwMapping = typeof zgwMappings.$inferSelect;
export type ZgwNotification = typeof zgwNotifications.$inferSelect;
