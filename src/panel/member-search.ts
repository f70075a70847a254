/** What researchers see of members: contact caps, the pseudonymous search by journey experience, and the consent proof. */
import { and, asc, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { addDays } from '../clock';
import type { Db } from '../db/client';
import { answers, HOSTING_ORGANISATION_ID, journeys, panelConsents, panelConsentTexts, type PanelMember, panelMembers, studyParticipants, touchpoints } from '../db/schema';
import { formatDate, nl } from '../texts';
import type { Store } from '../db/client';
import { addMonths, type PanelDeps } from './membership';

export type ContactBlock = { kind: 'inactive' } | { kind: 'cap'; from: Date } | { kind: 'recent'; from: Date };

/** Why this member may not be invited now, or null if they may: at most N contacts per 12 months, none within M days of the last. */
export function contactBlock(db: Store, deps: Pick<PanelDeps, 'config'>, member: Pick<PanelMember, 'id' | 'status'>, now: Date): ContactBlock | null {
  if (member.status !== 'active') return { kind: 'inactive' };
  const { PANEL_MAX_CONTACTS_PER_YEAR: max, PANEL_MIN_DAYS_BETWEEN_CONTACTS: minDays } = deps.config;
  const yearAgo = addMonths(now, -12);
  const contacts = db
    .select({ at: studyParticipants.invitedAt })
    .from(studyParticipants)
    .where(and(eq(studyParticipants.memberId, member.id), gt(studyParticipants.invitedAt, yearAgo)))
    .orderBy(asc(studyParticipants.invitedAt))
    .all();
  if (contacts.length >= max) return { kind: 'cap', from: addMonths(contacts[contacts.length - max]!.at, 12) };
  const last = contacts.at(-1);
  if (last && last.at > addDays(now, -minDays)) return { kind: 'recent', from: addDays(last.at, minDays) };
  return null;
}

export function describeBlock(block: ContactBlock, config: PanelDeps['config']): string {
  const b = nl.panel.staff.blocked;
  if (block.kind === 'inactive') return b.inactive;
  if (block.kind === 'cap') return b.cap(config.PANEL_MAX_CONTACTS_PER_YEAR, formatDate(block.from));
  return b.recent(config.PANEL_MIN_DAYS_BETWEEN_CONTACTS, formatDate(block.from));
}

// ---------------------------------------------------------------- researcher search

export interface MemberFilter {
  /** Whose panel: only this organisation's members (default: the hosting organisation). */
  organisationId?: number;
  journeyId?: number;
  touchpointId?: number;
  feeling?: 'negative' | 'neutral' | 'positive';
  segmentKey?: string;
  segmentValue?: string;
  consentFrom?: Date;
  consentTo?: Date;
  lastContactBefore?: Date;
}

function filterConditions(filter: MemberFilter): SQL[] {
  const conditions: SQL[] = [eq(panelMembers.status, 'active'), eq(panelMembers.organisationId, filter.organisationId ?? HOSTING_ORGANISATION_ID)];
  if (filter.journeyId) conditions.push(eq(panelMembers.journeyId, filter.journeyId));
  if (filter.touchpointId || filter.feeling) {
    const feeling = filter.feeling === 'negative' ? sql`a.feeling < 0` : filter.feeling === 'positive' ? sql`a.feeling > 0` : filter.feeling === 'neutral' ? sql`a.feeling = 0` : sql`1 = 1`;
    const touchpoint = filter.touchpointId ? sql`a.touchpoint_id = ${filter.touchpointId}` : sql`1 = 1`;
    conditions.push(sql`EXISTS (SELECT 1 FROM answers a WHERE a.response_id = ${panelMembers.responseId} AND ${touchpoint} AND ${feeling})`);
  }
  if (filter.segmentKey && filter.segmentValue !== undefined) {
    const path = `$."${filter.segmentKey.replace(/["\\]/g, '')}"`;
    conditions.push(sql`EXISTS (SELECT 1 FROM responses r WHERE r.id = ${panelMembers.responseId} AND json_extract(r.segment, ${path}) = ${filter.segmentValue})`);
  }
  if (filter.consentFrom) conditions.push(sql`${panelMembers.confirmedAt} >= ${filter.consentFrom.getTime()}`);
  if (filter.consentTo) conditions.push(sql`${panelMembers.confirmedAt} < ${addDays(filter.consentTo, 1).getTime()}`);
  if (filter.lastContactBefore) conditions.push(sql`(${panelMembers.lastContactAt} IS NULL OR ${panelMembers.lastContactAt} < ${filter.lastContactBefore.getTime()})`);
  return conditions;
}

export function countMembers(db: Db, filter: MemberFilter): number {
  return db.select({ n: sql<number>`count(*)` }).from(panelMembers).where(and(...filterConditions(filter))).get()!.n;
}

export interface MemberRow {
  id: number;
  journeyName: string;
  experience: { touchpoint: string; feeling: number | null }[];
  consentSince: Date | null;
  lastContactAt: Date | null;
  block: ContactBlock | null;
}

/** Active members matching the filter, pseudonymous: journey experience, never contact details. */
export function listMembers(db: Db, deps: Pick<PanelDeps, 'config' | 'clock'>, filter: MemberFilter, limit = 50): MemberRow[] {
  const rows = db
    .select({ member: panelMembers, journeyName: journeys.name })
    .from(panelMembers)
    .innerJoin(journeys, eq(journeys.id, panelMembers.journeyId))
    .where(and(...filterConditions(filter)))
    .orderBy(desc(panelMembers.confirmedAt), desc(panelMembers.id))
    .limit(limit)
    .all();
  const now = deps.clock.now();
  return rows.map(({ member, journeyName }) => ({
    id: member.id,
    journeyName,
    experience: memberExperience(db, member.responseId),
    consentSince: member.confirmedAt,
    lastContactAt: member.lastContactAt,
    block: contactBlock(db, deps, member, now),
  }));
}

/** How each touchpoint of the member's own response felt: their journey experience, nothing else. */
export function memberExperience(db: Store, responseId: number | null) {
  if (responseId === null) return [];
  return db
    .select({ touchpoint: touchpoints.name, feeling: answers.feeling })
    .from(answers)
    .innerJoin(touchpoints, eq(touchpoints.id, answers.touchpointId))
    .where(eq(answers.responseId, responseId))
    .orderBy(asc(touchpoints.position))
    .all();
}

/** A member by id; with an organisation, undefined when the member is another organisation's. */
export function findMember(db: Store, id: number, organisationId?: number) {
  return db
    .select()
    .from(panelMembers)
    .where(and(eq(panelMembers.id, id), organisationId === undefined ? undefined : eq(panelMembers.organisationId, organisationId)))
    .get();
}

/** The consent proof: every event with, where a text was shown, that exact text (by its hash). */
export function consentProof(db: Db, memberId: number) {
  return db
    .select({ event: panelConsents.event, at: panelConsents.at, by: panelConsents.by, responseId: panelConsents.responseId, version: panelConsents.textVersion, hash: panelConsents.textHash, text: panelConsentTexts.text })
    .from(panelConsents)
    .leftJoin(panelConsentTexts, eq(panelConsentTexts.hash, panelConsents.textHash))
    .where(eq(panelConsents.memberId, memberId))
    .orderBy(asc(panelConsents.at), asc(panelConsents.id))
    .all();
}
