/**
 * Call-back figures for the dashboard: requests per step of a journey (the step the KCC linked, or
 * else the step the citizen felt worst about), the share closed within the norm, the outcomes and
 * the recovery rate. Every figure obeys the minimum group size; nothing here names a citizen.
 */
import { and, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { inList } from '../db/in-list';
import { answers, callbackOutcomes, callbackRequests, type CallbackOutcome } from '../db/schema';
import { isReportable } from '../min-group';

export interface CallbackFigures {
  total: number;
  /** Requests per touchpoint id (only counts that reach the minimum group size); `null` is "no step felt negative". */
  perStep: { touchpointId: number | null; requests: number }[];
  /** Steps whose count stays below the minimum group size. */
  hiddenSteps: number;
  /** Closed within the norm, of all closed; undefined below the minimum group size. */
  withinNorm?: number;
  outcomes?: { outcome: CallbackOutcome; count: number }[];
  recovery?: { share: number; answered: number };
}

/**
 * The figures of one journey's requests that came in between `start` and `end`; with an
 * organisation, only the requests from its invitations (a chain journey's others stay out).
 */
export function callbackFigures(db: Db, journeyId: number, start: Date, end: Date, minGroupSize: number, organisationId?: number): CallbackFigures {
  const rows = db
    .select({
      responseId: callbackRequests.responseId,
      touchpointId: callbackRequests.touchpointId,
      dueAt: callbackRequests.dueAt,
      closedAt: callbackRequests.closedAt,
      outcome: callbackRequests.outcome,
      recoveryScore: callbackRequests.recoveryScore,
    })
    .from(callbackRequests)
    .where(
      and(
        eq(callbackRequests.journeyId, journeyId),
        organisationId === undefined ? undefined : eq(callbackRequests.organisationId, organisationId),
        gte(callbackRequests.createdAt, start),
        lt(callbackRequests.createdAt, end),
      ),
    )
    .all();
  const responseIds = rows.flatMap((row) => (row.responseId === null ? [] : [row.responseId]));
  // The step each response felt worst about (ties: the first answered).
  const worst = new Map<number, { touchpointId: number; feeling: number }>();
  for (const answer of db
    .select({ responseId: answers.responseId, touchpointId: answers.touchpointId, feeling: answers.feeling })
    .from(answers)
    .where(inList(answers.responseId, responseIds))
    .all()) {
    if (answer.feeling === null || answer.feeling >= 0) continue;
    const current = worst.get(answer.responseId);
    if (!current || answer.feeling < current.feeling) worst.set(answer.responseId, { touchpointId: answer.touchpointId, feeling: answer.feeling });
  }
  const counts = new Map<number | null, number>();
  for (const row of rows) {
    const step = row.touchpointId ?? (row.responseId === null ? null : (worst.get(row.responseId)?.touchpointId ?? null));
    counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  const steps = [...counts.entries()].map(([touchpointId, requests]) => ({ touchpointId, requests })).sort((a, b) => b.requests - a.requests);
  const perStep = steps.filter((step) => isReportable(step.requests, minGroupSize));

  const closed = rows.filter((row) => row.closedAt !== null);
  const answered = rows.filter((row) => row.recoveryScore !== null);
  return {
    total: rows.length,
    perStep,
    hiddenSteps: steps.length - perStep.length,
    withinNorm: isReportable(closed.length, minGroupSize) ? closed.filter((row) => row.closedAt! <= row.dueAt).length / closed.length : undefined,
    outcomes: isReportable(closed.length, minGroupSize)
      ? callbackOutcomes.map((outcome) => ({ outcome, count: closed.filter((row) => row.outcome === outcome).length })).filter((row) => isReportable(row.count, minGroupSize))
      : undefined,
    recovery: isReportable(answered.length, minGroupSize)
      ? { share: answered.filter((row) => row.recoveryScore! >= 4).length / answered.length, answered: answered.length }
      : undefined,
  };
}
