import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { improvementActions, type ImprovementAction } from '../db/schema';

/** All improvement actions of a journey, ordered for display per touchpoint: open work first, by due day. */
export function listActionsForJourney(db: Db, journeyId: number): ImprovementAction[] {
  return db
    .select()
    .from(improvementActions)
    .where(eq(improvementActions.journeyId, journeyId))
    .orderBy(asc(improvementActions.touchpointId), asc(improvementActions.status), asc(improvementActions.dueOn), asc(improvementActions.id))
    .all();
}

/** An action is overdue when it is not done and its due day has passed (days are 'YYYY-MM-DD', so they compare as text). */
export function isOverdue(action: Pick<ImprovementAction, 'status' | 'dueOn'>, today: string): boolean {
  return action.status !== 'klaar' && action.dueOn !== null && action.dueOn < today;
}
