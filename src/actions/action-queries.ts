import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, improvementActions, journeys, organisations, touchpoints, type ImprovementAction, type Journey, type Touchpoint } from '../db/schema';
import { feelingByTouchpoint } from '../heartmonitor/queries';
import type { Moments } from '../heartmonitor/statistics';
import { effectOf, type ActionEffect, type EffectWindow } from './effect';

/**
 * All improvement actions of a journey, ordered for display per touchpoint: open work first, by due
 * day. With an organisation: only the actions it owns (a chain journey's actions have several owners).
 */
export function listActionsForJourney(db: Db, journeyId: number, organisationId?: number): ImprovementAction[] {
  return db
    .select()
    .from(improvementActions)
    .where(
      and(eq(improvementActions.journeyId, journeyId), organisationId === undefined ? undefined : eq(improvementActions.organisationId, organisationId)),
    )
    .orderBy(asc(improvementActions.touchpointId), asc(improvementActions.status), asc(improvementActions.dueOn), asc(improvementActions.id))
    .all();
}

/** An action is overdue when it is not done and its due day has passed (days are 'YYYY-MM-DD', so they compare as text). */
export function isOverdue(action: Pick<ImprovementAction, 'status' | 'dueOn'>, today: string): boolean {
  return action.status !== 'klaar' && action.dueOn !== null && action.dueOn < today;
}

/** An action by id; with an organisation, only when that organisation owns it (an id from an address). */
export function findAction(db: Db, id: number, organisationId?: number): ImprovementAction | undefined {
  const action = db.select().from(improvementActions).where(eq(improvementActions.id, id)).get();
  return action && (organisationId === undefined || action.organisationId === organisationId) ? action : undefined;
}

/** A journey's touchpoints in order, archived ones included (an action may sit at one). */
export function touchpointsOfJourney(db: Db, journeyId: number): Touchpoint[] {
  return db.select().from(touchpoints).where(eq(touchpoints.journeyId, journeyId)).orderBy(asc(touchpoints.position), asc(touchpoints.id)).all();
}

/** The feeling sums (everyone, all channels) at one touchpoint over a window of days, from the daily roll-ups. */
export function feelingInWindow(db: Db, journeyId: number, touchpointId: number, window: Pick<EffectWindow, 'from' | 'to'>): Moments {
  const sums = feelingByTouchpoint(db, { journeyId, from: window.from, to: window.to }).get(touchpointId);
  return { n: sums?.n ?? 0, sum: sums?.sum ?? 0, sumSquares: sums?.sumSquares ?? 0 };
}

/**
 * The measured effect of an action (see effect.ts): undefined unless it is done. `today` is the
 * Dutch calendar day ('YYYY-MM-DD') of the injected clock.
 */
export function actionEffect(
  db: Db,
  action: Pick<ImprovementAction, 'journeyId' | 'touchpointId' | 'status' | 'doneOn'>,
  today: string,
  minGroupSize: number,
): ActionEffect | undefined {
  return effectOf(action, today, (window) => feelingInWindow(db, action.journeyId, action.touchpointId, window), minGroupSize);
}

export interface ActionAtTouchpoint {
  action: ImprovementAction;
  overdue: boolean;
  effect?: ActionEffect;
}

/** A journey's actions per touchpoint id, each with its overdue flag and (when done) its effect: for the heart monitor. */
export function actionsByTouchpoint(db: Db, journeyId: number, today: string, minGroupSize: number): Map<number, ActionAtTouchpoint[]> {
  const result = new Map<number, ActionAtTouchpoint[]>();
  for (const action of listActionsForJourney(db, journeyId)) {
    const entry = { action, overdue: isOverdue(action, today), effect: actionEffect(db, action, today, minGroupSize) };
    result.set(action.touchpointId, [...(result.get(action.touchpointId) ?? []), entry]);
  }
  return result;
}

/** What citizens may read of a published action: nothing of owners or internal descriptions. */
export interface PublishedImprovement {
  id: number;
  journeyName: string;
  touchpointName: string;
  /** The partner organisation that did it; null for the hosting organisation, which the page is in the name of. */
  partnerName: string | null;
  publicSummary: string;
  status: ImprovementAction['status'];
  doneOn: string | null;
  publishedAt: Date;
}

export function listPublishedImprovements(db: Db): PublishedImprovement[] {
  return db
    .select({
      id: improvementActions.id,
      journeyName: journeys.name,
      touchpointName: touchpoints.name,
      partnerName: sql<string | null>`CASE WHEN ${organisations.id} = ${HOSTING_ORGANISATION_ID} THEN NULL ELSE ${organisations.name} END`,
      publicSummary: improvementActions.publicSummary,
      status: improvementActions.status,
      doneOn: improvementActions.doneOn,
      publishedAt: improvementActions.publishedAt,
    })
    .from(improvementActions)
    .innerJoin(journeys, eq(journeys.id, improvementActions.journeyId))
    .innerJoin(touchpoints, eq(touchpoints.id, improvementActions.touchpointId))
    .innerJoin(organisations, eq(organisations.id, improvementActions.organisationId))
    .where(and(isNotNull(improvementActions.publishedAt), isNotNull(improvementActions.publicSummary)))
    .all()
    .filter((row): row is PublishedImprovement => Boolean(row.publicSummary && row.publishedAt));
}

export interface OverviewRow {
  action: ImprovementAction;
  touchpoint?: Touchpoint;
  overdue: boolean;
  effect?: ActionEffect;
}

/** What the list shows: '' (all), one status, or only the overdue ones. */
export type StatusFilter = '' | ImprovementAction['status'] | 'te-laat';

/**
 * The list per journey: the organisation's actions on the given journeys (by name), each with its
 * step, overdue flag and effect, in journey order (by the step's position), filtered by status or "overdue".
 */
export function actionOverview(
  db: Db,
  filter: { journeys: Journey[]; organisationId: number; status: StatusFilter },
  today: string,
  minGroupSize: number,
): { journey: Journey; rows: OverviewRow[] }[] {
  return filter.journeys.map((journey) => {
    const steps = touchpointsOfJourney(db, journey.id);
    const byId = new Map(steps.map((step) => [step.id, step]));
    const position = (id: number) => steps.findIndex((step) => step.id === id);
    const rows = listActionsForJourney(db, journey.id, filter.organisationId)
      .map((action) => ({ action, touchpoint: byId.get(action.touchpointId), overdue: isOverdue(action, today) }))
      .filter((row) => (filter.status === 'te-laat' ? row.overdue : filter.status === '' || row.action.status === filter.status))
      .sort((a, b) => position(a.action.touchpointId) - position(b.action.touchpointId))
      .map((row) => ({ ...row, effect: actionEffect(db, row.action, today, minGroupSize) }));
    return { journey, rows };
  });
}
