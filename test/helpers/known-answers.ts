import type { Config } from '../../src/config';
import type { Db } from '../../src/db/client';
import type { CaseClosedEvent } from '../../src/events/event-schema';
import { ingestCaseClosed } from '../../src/events/ingest';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { submitResponse } from '../../src/survey/responses';
import { mailTemplates } from '../../views/mail';
import { surveyTokenOf } from './survey-link';

export interface KnownAnswer {
  /** When the case closed and the survey was answered (one instant: that puts it in that day's roll-ups). */
  at: Date;
  /** Feeling per touchpoint slug; null is "niet van toepassing". */
  feelings: Record<string, number | null>;
  journey?: string;
  comments?: Record<string, string>;
  segment?: Record<string, string>;
  channel?: string;
  /** Rapportcijfer and effort score of the survey (7 and 5 unless given). */
  grade?: number;
  effort?: number;
  /** Days the case was open before it closed (5 unless given). */
  leadDays?: number;
}

let sequence = 0;

/**
 * One citizen's answer through the real path: the case.closed event is ingested at `at` (an
 * invitation and its mail), the token is read from that mail and the survey submitted at the
 * same instant — which is what fills the daily roll-ups the heart monitor and the effect read.
 */
export function addKnownAnswer(target: { db: Db; config: Config; addressHashKey: string }, answer: KnownAnswer): void {
  const clock = { now: () => new Date(answer.at) };
  const journey = answer.journey ?? 'paspoort-aanvragen';
  sequence++;
  const apiKeyId = (target.db.$client.prepare('SELECT id FROM api_keys ORDER BY id LIMIT 1').get() as { id: number }).id;
  const event: CaseClosedEvent = {
    id: `known-answer-${process.pid}-${sequence}`,
    type: 'case.closed',
    occurredAt: answer.at.toISOString(),
    case: {
      reference: `Z-KNOWN-${sequence}`,
      caseType: journey,
      openedAt: new Date(answer.at.getTime() - (answer.leadDays ?? 5) * 86_400_000).toISOString(),
      channel: answer.channel,
    },
    citizen: { email: `inwoner-${sequence}@example.nl`, language: 'nl' },
    segment: answer.segment ?? {},
    touchpoints: Object.keys(answer.feelings),
  };
  const outcome = ingestCaseClosed(target.db, { clock, config: target.config, addressHashKey: target.addressHashKey, mail: mailTemplates }, apiKeyId, event);
  if (outcome.status !== 'accepted') throw new Error(`event not accepted: ${JSON.stringify(outcome)}`);
  const token = surveyTokenOf(target.db, outcome.invitationId);
  const asked = findJourneyBySlug(target.db, journey)!.touchpoints.filter((touchpoint) => touchpoint.slug in answer.feelings);
  const result = submitResponse(target.db, clock, token, asked, {
    grade: answer.grade ?? 7,
    effort: answer.effort ?? 5,
    steps: asked.map((touchpoint) => ({ slug: touchpoint.slug, feeling: answer.feelings[touchpoint.slug]!, comment: answer.comments?.[touchpoint.slug] ?? null })),
  });
  if (result.state !== 'stored') throw new Error(`answer not stored: ${result.state}`);
}

/** `count` answers, the i-th made by `make(i)`. */
export function addKnownAnswers(
  target: { db: Db; config: Config; addressHashKey: string },
  count: number,
  make: (i: number) => KnownAnswer,
): void {
  for (let i = 0; i < count; i++) addKnownAnswer(target, make(i));
}
