import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { foreignId, id, timestamp } from './columns';
import { organisationId } from './organisations';
import { users } from './auth';
import { journeys } from './journeys';
import { responses } from './survey';

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
    id: id(),
    status: text('status', { enum: panelMemberStatuses }).notNull(),
    // The invitation's organisation: only its researchers may approach the member.
    organisationId: organisationId(),
    // AES-256-GCM of JSON {email, name, phone, preferredContact}; null once erased.
    contact: text('contact'),
    responseId: integer('response_id').references(() => responses.id),
    journeyId: integer('journey_id').notNull(),
    // The survey's language at sign-up: later panel mails and pages speak it.
    language: text('language').notNull().default('nl'),
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
    id: id(),
    memberId: foreignId('member_id', () => panelMembers.id),
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
  memberId: foreignId('member_id', () => panelMembers.id),
  purpose: text('purpose', { enum: panelLinkPurposes }).notNull(),
  participantId: integer('participant_id'),
  createdAt: timestamp('created_at').notNull(),
});

export const studies = sqliteTable('studies', {
  id: id(),
  title: text('title').notNull(),
  organisationId: organisationId(),
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
    id: id(),
    studyId: foreignId('study_id', () => studies.id),
    memberId: foreignId('member_id', () => panelMembers.id),
    status: text('status', { enum: participantStatuses }).notNull(),
    invitedAt: timestamp('invited_at').notNull(),
    answeredAt: timestamp('answered_at'),
  },
  (t) => [uniqueIndex('study_participants_study_member').on(t.studyId, t.memberId), index('study_participants_member').on(t.memberId, t.invitedAt)],
);

export type PanelMember = typeof panelMembers.$inferSelect;
export type Study = typeof studies.$inferSelect;
