import type { Touchpoint } from '../db/schema';
import { nl } from '../texts';
import { BASE_LANGUAGE, type TouchpointWithQuestions } from './touchpoint-questions';

/** One step of the survey page: a touchpoint's feeling question as the citizen reads it. */
export interface SurveyStep {
  slug: string;
  question: string;
  /** The question's language when it is not Dutch (a lower-cased code such as "en" or "ar"). */
  lang?: string;
}

/**
 * Which of a journey's active touchpoints (in journey order) an invitation asks: the ones the
 * event names, or else the ones asked by default. The event ingest and the journey designer's
 * survey preview both use this, so the preview shows what a citizen really gets.
 */
export function touchpointsToAsk(active: Touchpoint[], named?: readonly string[]): Touchpoint[] {
  return named ? active.filter((touchpoint) => named.includes(touchpoint.slug)) : active.filter((touchpoint) => touchpoint.askedByDefault);
}

/**
 * The feeling question of a step as the citizen reads it: in the invitation's language when the
 * touchpoint has it ("pt-br" falls back to "pt"), else the Dutch one. `lang` is set only for a
 * question that is not Dutch.
 */
export function questionFor(touchpoint: Pick<TouchpointWithQuestions, 'name' | 'question' | 'questions'>, language: string = BASE_LANGUAGE): { text: string; lang?: string } {
  const code = language.toLowerCase();
  for (const candidate of [code, code.split('-')[0]!]) {
    if (candidate !== BASE_LANGUAGE && Object.hasOwn(touchpoint.questions, candidate)) return { text: touchpoint.questions[candidate]!, lang: candidate };
  }
  return { text: touchpoint.question ?? nl.survey.feelingQuestion(touchpoint.name) };
}

/** The survey page's steps for these touchpoints, in the invitation's language. */
export function surveySteps(touchpoints: TouchpointWithQuestions[], language: string = BASE_LANGUAGE): SurveyStep[] {
  return touchpoints.map((touchpoint) => {
    const question = questionFor(touchpoint, language);
    return { slug: touchpoint.slug, question: question.text, ...(question.lang ? { lang: question.lang } : {}) };
  });
}
