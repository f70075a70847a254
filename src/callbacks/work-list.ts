import { and, asc, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { answers, callbackRequests, HOSTING_ORGANISATION_ID, improvementActions, journeys, responses, touchpoints, users, type CallbackStatus } from '../db/schema';
import { maskPersonalData } from '../mask';
import { workingHoursBetween } from './service-norm';

export type CallbackRow = typeof callbackRequests.$inferSelect;

/** Which requests the work list shows: open and taken ones (the work), or one status; closed ones of the last 30 days. */
export type StatusFilter = 'active' | CallbackStatus;
export const statusFilters: readonly StatusFilter[] = ['active', 'open', 'taken', 'closed'];

export interface WorkListFilter {
  status: StatusFilter;
  /** Whose requests: only this organisation's (default: the hosting organisation). */
  organisationId?: number;
  /** Only the requests assigned to this user. */
  assignedTo?: number;
}

const CLOSED_RECENTLY_MS = 30 * 86_400_000;

/** How a request stands against the service norm at `now`. */
export type Norm =
  | { kind: 'due'; dueAt: Date }
  /** How late in working hours, the unit of the norm: a weekend does not make a request later. */
  | { kind: 'late'; dueAt: Date; lateWorkingHours: number }
  | { kind: 'closed'; inTime: boolean };

export function normOf(row: Pick<CallbackRow, 'dueAt' | 'closedAt'>, now: Date): Norm {
  if (row.closedAt) return { kind: 'closed', inTime: row.closedAt <= row.dueAt };
  if (now > row.dueAt) return { kind: 'late', dueAt: row.dueAt, lateWorkingHours: workingHoursBetween(row.dueAt, now) };
  return { kind: 'due', dueAt: row.dueAt };
}

export interface WorkListItem {
  id: number;
  journey: string;
  reason: CallbackRow['reason'];
  status: CallbackStatus;
  createdAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  attempts: number;
  assignedTo: string | null;
  outcome: CallbackRow['outcome'];
}

/** The work list: oldest due first (the norm decides what comes first), closed ones newest first. */
export function listCallbacks(db: Db, filter: WorkListFilter, now: Date): WorkListItem[] {
  const statusWhere =
    filter.status === 'active'
      ? inArray(callbackRequests.status, ['open', 'taken'])
      : filter.status === 'closed'
        ? and(eq(callbackRequests.status, 'closed'), gte(callbackRequests.closedAt, new Date(now.getTime() - CLOSED_RECENTLY_MS)))
        : eq(callbackRequests.status, filter.status);
  return db
    .select({
      id: callbackRequests.id,
      journey: journeys.name,
      reason: callbackRequests.reason,
      status: callbackRequests.status,
      createdAt: callbackRequests.createdAt,
      dueAt: callbackRequests.dueAt,
      closedAt: callbackRequests.closedAt,
      attempts: callbackRequests.attempts,
      assignedTo: users.email,
      outcome: callbackRequests.outcome,
    })
    .from(callbackRequests)
    .innerJoin(journeys, eq(journeys.id, callbackRequests.journeyId))
    .leftJoin(users, eq(users.id, callbackRequests.assignedTo))
    .where(and(statusWhere, eq(callbackRequests.organisationId, filter.organisationId ?? HOSTING_ORGANISATION_ID), filter.assignedTo === undefined ? undefined : eq(callbackRequests.assignedTo, filter.assignedTo)))
    .orderBy(filter.status === 'closed' ? desc(callbackRequests.closedAt) : asc(callbackRequests.dueAt), asc(callbackRequests.id))
    .all();
}

/** The organisation's open and taken requests: the count in the staff menu. */
export function countOpenCallbacks(db: Db, organisationId: number = HOSTING_ORGANISATION_ID): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(callbackRequests)
    .where(and(inArray(callbackRequests.status, ['open', 'taken']), eq(callbackRequests.organisationId, organisationId)))
    .get()!.n;
}

/** The organisation's open and taken requests past their due time (the CLI's --late). */
export function listLateCallbacks(db: Db, now: Date, organisationId: number = HOSTING_ORGANISATION_ID): WorkListItem[] {
  return listCallbacks(db, { status: 'active', organisationId }, now).filter((item) => item.dueAt < now);
}

/** A request by id; with an organisation, undefined when the request is another organisation's. */
export const findCallback = (db: Db, id: number, organisationId?: number): CallbackRow | undefined =>
  db
    .select()
    .from(callbackRequests)
    .where(and(eq(callbackRequests.id, id), organisationId === undefined ? undefined : eq(callbackRequests.organisationId, organisationId)))
    .get();

export interface StepAnswer {
  touchpointId: number;
  step: string;
  slug: string;
  feeling: number | null;
  /** The citizen's own words, with personal data masked. */
  comment: string | null;
}

export interface CallbackDetail {
  request: CallbackRow;
  journey: { id: number; name: string; slug: string };
  assignedTo: string | null;
  response?: { grade: number; effort: number; steps: StepAnswer[] };
  /** The journey's steps, for linking the request to an improvement action. */
  steps: { id: number; name: string; slug: string }[];
  actions: { id: number; title: string; step: string }[];
  action?: { id: number; title: string };
}

/** Everything the request page shows, except the contact details (those only after an audited POST). */
export function callbackDetail(db: Db, request: CallbackRow): CallbackDetail {
  const journey = db.select({ id: journeys.id, name: journeys.name, slug: journeys.slug }).from(journeys).where(eq(journeys.id, request.journeyId)).get()!;
  const assignedTo = request.assignedTo === null ? null : (db.select({ email: users.email }).from(users).where(eq(users.id, request.assignedTo)).get()?.email ?? null);
  const response = request.responseId === null ? undefined : db.select().from(responses).where(eq(responses.id, request.responseId)).get();
  const steps = db
    .select({ id: touchpoints.id, name: touchpoints.name, slug: touchpoints.slug })
    .from(touchpoints)
    .where(eq(touchpoints.journeyId, journey.id))
    .orderBy(asc(touchpoints.position))
    .all();
  const stepName = new Map(steps.map((step) => [step.id, step.name]));
  const actions = db
    .select({ id: improvementActions.id, title: improvementActions.title, touchpointId: improvementActions.touchpointId })
    .from(improvementActions)
    .where(eq(improvementActions.journeyId, journey.id))
    .orderBy(asc(improvementActions.title))
    .all()
    .map((action) => ({ id: action.id, title: action.title, step: stepName.get(action.touchpointId) ?? '' }));
  const action = actions.find((candidate) => candidate.id === request.actionId);
  return {
    request,
    journey,
    assignedTo,
    steps,
    actions,
    action: action ? { id: action.id, title: action.title } : undefined,
    response: response && {
      grade: response.grade,
      effort: response.effort,
      steps: db
        .select({ touchpointId: answers.touchpointId, step: touchpoints.name, slug: touchpoints.slug, feeling: answers.feeling, comment: answers.comment })
        .from(answers)
        .innerJoin(touchpoints, eq(touchpoints.id, answers.touchpointId))
        .where(eq(answers.responseId, response.id))
        .orderBy(asc(touchpoints.position))
        .all()
        .map((row) => ({ ...row, comment: row.comment === null ? null : maskPersonalData(row.comment) })),
    },
  };
}

/** The share of recovery answers that say 4 or 5 ("goed geholpen"), over the organisation's answered requests. */
export function recoveryRate(db: Db, since?: Date, organisationId: number = HOSTING_ORGANISATION_ID): { answered: number; good: number } {
  const row = db
    .select({ answered: sql<number>`count(*)`, good: sql<number>`coalesce(sum(${callbackRequests.recoveryScore} >= 4), 0)` })
    .from(callbackRequests)
    .where(and(isNotNull(callbackRequests.recoveryScore), eq(callbackRequests.organisationId, organisationId), since ? gte(callbackRequests.recoveryAnsweredAt, since) : undefined))
    .get()!;
  return { answered: row.answered, good: row.good };
}
