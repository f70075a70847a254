import type { Touchpoint } from '../db/schema';
import { nl } from '../texts';

/** One step of the survey page: a touchpoint's feeling question as the citizen reads it. */
export interface SurveyStep {
  slug: string;
  question: string;
  /** The question's language when it differs from the page's (an English question text). */
  lang?: 'en';
}

/**
 * Which of a journey's active touchpoints (in journey order) an invitation asks: the ones the
 * event names, or else the ones asked by default. The event ingest and the journey designer's
 * survey preview both use this, so the preview shows what a citizen really gets.
 */
export function touchpointsToAsk(active: Touchpoint[], named?: readonly string[]): Touchpoint[] {
  return named ? active.filter((touchpoint) => named.includes(touchpoint.slug)) : active.filter((touchpoint) => touchpoint.askedByDefault);
}

/** The feeling question of a step as the citizen reads it: the English text for an English invitation when there is one. */
export function questionFor(touchpoint: Pick<Touchpoint, 'name' | 'question' | 'questionEn'>, language = 'nl'): { text: string; lang?: 'en' } {
  if (language === 'en' && touchpoint.questionEn) return { text: touchpoint.questionEn, lang: 'en' };
  return { text: touchpoint.question ?? nl.survey.feelingQuestion(touchpoint.name) };
}

/** The survey page's steps for these touchpoints, in the invitation's language. */
export function surveySteps(touchpoints: Touchpoint[], language = 'nl'): SurveyStep[] {
  return touchpoints.map((touchpoint) => {
    const question = questionFor(touchpoint, language);
    return { slug: touchpoint.slug, question: question.text, ...(question.lang ? { lang: question.lang } : {}) };
  });
}
