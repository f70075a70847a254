import { z } from 'zod';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { noShowReasons, noShowResponses, type NoShowReason } from '../db/schema';
import { closeAnsweredInvitation, findInvitationByToken } from '../invitations/invitations';
import { maskPersonalData } from '../mask';
import type { SubmitOutcome } from './responses';
import { MAX_COMMENT_LENGTH } from './survey-form';
import { dutch, type CitizenTexts } from '../texts/citizen';

export interface NoShowAnswers {
  reason: NoShowReason;
  comment: string | null;
  bookingFeeling: number | null;
}

export type NoShowParseResult =
  | { ok: true; answers: NoShowAnswers }
  | { ok: false; values: Record<string, string>; errors: Record<string, string> };

const buildSchema = (t: CitizenTexts) =>
  z.object({
    reason: z.enum(noShowReasons, { error: t.noShow.errors.reason }),
    comment: z
      .string()
      .max(MAX_COMMENT_LENGTH * 2, t.survey.errors.comment)
      .transform((text) => text.replace(/\r\n?/g, '\n').trim())
      .refine((text) => text.length <= MAX_COMMENT_LENGTH, t.survey.errors.comment)
      .optional(),
    // The booking step's feeling is optional here: the reason is what this survey is for.
    booking: z.enum(['-2', '-1', '0', '1', '2', 'nvt']).optional(),
  });

// One schema per language: the error messages are the citizen's language.
const schemas = new WeakMap<CitizenTexts, ReturnType<typeof buildSchema>>();

/** Validates "we hebben u gemist": fields `reason`, `comment`, `booking`. */
export function parseNoShowSurvey(body: Record<string, unknown>, texts: CitizenTexts = dutch.texts): NoShowParseResult {
  let schema = schemas.get(texts);
  if (!schema) schemas.set(texts, (schema = buildSchema(texts)));
  const result = schema.safeParse(body);
  if (!result.success) {
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
    const values: Record<string, string> = {};
    for (const field of ['reason', 'comment', 'booking']) {
      if (typeof body[field] === 'string') values[field] = (body[field] as string).slice(0, MAX_COMMENT_LENGTH * 2);
    }
    return { ok: false, values, errors };
  }
  const { reason, comment, booking } = result.data;
  return {
    ok: true,
    answers: { reason, comment: comment ? comment : null, bookingFeeling: booking === undefined || booking === 'nvt' ? null : Number(booking) },
  };
}

/** Stores the answer once, in one transaction with closing the invitation (as for every survey). */
export function submitNoShowResponse(db: Db, clock: Clock, token: string, answers: NoShowAnswers): SubmitOutcome {
  return db.transaction((tx) => {
    const now = clock.now();
    const found = findInvitationByToken(tx, token, now);
    if (found.state !== 'open') return { state: found.state };
    const { invitation } = found;
    const row = tx
      .insert(noShowResponses)
      .values({
        invitationId: invitation.id,
        appointmentId: invitation.appointmentId!,
        reason: answers.reason,
        comment: answers.comment === null ? null : maskPersonalData(answers.comment),
        bookingFeeling: answers.bookingFeeling,
        submittedAt: now,
      })
      .returning({ id: noShowResponses.id })
      .get();
    closeAnsweredInvitation(tx, invitation.id, now);
    return { state: 'stored', responseId: row.id };
  });
}
