import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db, Tx } from '../db/client';
import { placeholdersFor, preparedPerConnection } from '../db/prepared';
import { answers, invitations, itemAnswers, responses, type AssistedMode, type Delivery, type Invitation, type ResponseMode, type Touchpoint } from '../db/schema';
import { addToRollups } from '../heartmonitor/rollups';
import { closeAnsweredInvitation, findInvitationByToken, invitationState } from '../invitations/invitations';
import { maskPersonalData } from '../mask';
import type { SurveyAnswers } from './survey-form';

/** A citizen's own answer is given the way the invitation came ('none' is never open, so never answered). */
export const modeOfDelivery = (delivery: Delivery): ResponseMode => (delivery === 'letter' ? 'letter' : 'email');

export type SubmitOutcome = { state: 'stored'; responseId: number } | { state: 'unknown' | 'expired' | 'answered' };

type OnStored = (tx: Tx, stored: { responseId: number; journeyId: number }) => void;

/** Looks the token up, then stores the response as storeResponse does. */
export function submitResponse(
  db: Db,
  clock: Clock,
  token: string,
  touchpoints: Touchpoint[],
  survey: SurveyAnswers,
  /** Runs in the same transaction once the response is stored, before the address is erased (the consent panel). */
  onStored?: OnStored,
  /** Set when staff type the answers as the citizen says them; otherwise the mode is the invitation's delivery. */
  assisted?: AssistedMode,
): SubmitOutcome {
  const found = findInvitationByToken(db, token, clock.now());
  if (found.state !== 'open') return { state: found.state };
  return storeResponse(db, clock, found.invitation, touchpoints, survey, onStored, assisted);
}

const responseQueries = preparedPerConnection((store) => ({
  status: store
    .select({ status: invitations.status, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(eq(invitations.id, sql.placeholder('id')))
    .prepare(),
  insertResponse: store
    .insert(responses)
    .values(placeholdersFor(responses, ['invitationId', 'journeyId', 'grade', 'effort', 'segment', 'channel', 'leadTimeDays', 'submittedAt', 'mode']))
    .returning({ id: responses.id })
    .prepare(),
  insertAnswer: store
    .insert(answers)
    .values(placeholdersFor(answers, ['responseId', 'journeyId', 'touchpointId', 'feeling', 'comment', 'segment', 'answeredAt']))
    .prepare(),
  insertItemAnswer: store
    .insert(itemAnswers)
    .values(placeholdersFor(itemAnswers, ['responseId', 'journeyId', 'itemCode', 'touchpointId', 'value', 'answeredAt']))
    .prepare(),
}));

/**
 * Stores a response, one answer per asked touchpoint and one per asked item in one transaction, for an invitation
 * the caller already found open by its token. Only its state is re-read inside the transaction
 * (by id, so the token is looked up once per submission), so a second submission can never store anything.
 */
export function storeResponse(
  db: Db,
  clock: Clock,
  invitation: Invitation,
  touchpoints: Touchpoint[],
  survey: SurveyAnswers,
  onStored?: OnStored,
  assisted?: AssistedMode,
): SubmitOutcome {
  const queries = responseQueries(db);
  return db.transaction((tx) => {
    const now = clock.now();
    const current = queries.status.get({ id: invitation.id });
    if (!current) return { state: 'unknown' };
    const state = invitationState(current, now);
    if (state !== 'open') return { state };
    const mode = assisted ?? modeOfDelivery(invitation.delivery);
    const bySlug = new Map(touchpoints.map((touchpoint) => [touchpoint.slug, touchpoint]));

    const response = queries.insertResponse.get({
      invitationId: invitation.id,
      journeyId: invitation.journeyId,
      grade: survey.grade,
      effort: survey.effort,
      segment: invitation.segment,
      channel: invitation.channel,
      leadTimeDays: invitation.leadTimeDays,
      submittedAt: now,
      mode,
    })!;
    const rows = survey.steps.map((step) => ({
      responseId: response.id,
      journeyId: invitation.journeyId,
      touchpointId: bySlug.get(step.slug)!.id,
      feeling: step.feeling,
      comment: step.comment === null ? null : maskPersonalData(step.comment),
      segment: invitation.segment,
      answeredAt: now,
    }));
    for (const row of rows) queries.insertAnswer.run(row);
    for (const item of survey.items ?? [])
      queries.insertItemAnswer.run({ responseId: response.id, journeyId: invitation.journeyId, itemCode: item.code, touchpointId: item.touchpointId, value: item.value, answeredAt: now });
    // Same connection, same transaction: the roll-ups use their own prepared statements.
    addToRollups(db, {
      journeyId: invitation.journeyId,
      submittedAt: now,
      channel: invitation.channel,
      leadTimeDays: invitation.leadTimeDays,
      segment: invitation.segment,
      mode,
      grade: survey.grade,
      effort: survey.effort,
      answers: rows,
    });
    onStored?.(tx, { responseId: response.id, journeyId: invitation.journeyId });
    closeAnsweredInvitation(tx, invitation.id, now);
    return { state: 'stored', responseId: response.id };
  });
}
