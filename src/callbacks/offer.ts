import { YES_PARTLY_NO } from '../items/item-bank';
import type { CallbackReason } from '../db/schema';

export interface OfferInput {
  grade: number;
  /** The steps' feelings, -2 … 2; null for "not applicable". */
  feelings: (number | null)[];
  /** The answers to "Is uw vraag beantwoord?" (MH-BEANTWOORD, 3 ja, 2 deels, 1 nee), at journey level or per step. */
  answered?: readonly (number | null)[];
  /** The administrator's setting: offer the question to every respondent. */
  offerToAll: boolean;
  /** CALLBACK_GRADE_THRESHOLD: a grade at or below it calls for the question. */
  gradeThreshold: number;
}

/** Why the survey offers "Wilt u dat wij contact met u opnemen?", or undefined when it does not. */
export function shouldOfferCallback(input: OfferInput): CallbackReason | undefined {
  if (input.grade <= input.gradeThreshold) return 'low-grade';
  if (input.feelings.some((feeling) => feeling !== null && feeling < 0)) return 'negative-step';
  // The VNG norm as a loop: a question not (fully) answered is offered help after all.
  if (input.answered?.some((value) => value !== null && value < YES_PARTLY_NO.yes)) return 'question-not-answered';
  return input.offerToAll ? 'offered-to-all' : undefined;
}
