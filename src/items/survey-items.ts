/*
 * The items of one survey as the citizen meets them: field names, questions and options in the
 * page's language. Pure: the definitions and texts come in, so the survey, the staff-assisted
 * form and the designer's preview show the same questions.
 */
import type { AskedItem, ItemScale } from '../db/schema';
import type { CitizenTexts } from '../texts/citizen';
import { allowsDontKnow, scaleValues } from './item-bank';
import type { ItemDefinition } from './journey-items';

/** "Weet ik niet / niet van toepassing": stored as null. */
export const DONT_KNOW = 'weet-niet';

export interface SurveyItem {
  /** The form field: `item-<code>`, or `item-<code>__<step slug>` at a step. */
  field: string;
  code: string;
  touchpointId: number | null;
  /** The step it belongs to (touchpoint level); undefined at journey level. */
  stepSlug?: string;
  scale: ItemScale;
  question: string;
  /** The question's language when it is not the page's (an own item without this translation). */
  lang?: string;
  hint?: string;
  options: { value: string; label: string; lang?: string }[];
  layout: 'list' | 'scale';
}

export const itemField = (code: string, stepSlug?: string) => (stepSlug ? `item-${code}__${stepSlug}` : `item-${code}`);

/** The text in this language, else its base language, else Dutch, with the language it is in. */
function inLanguage(texts: Record<string, string>, code: string): { text: string; lang: string } {
  const wanted = code.toLowerCase();
  for (const candidate of [wanted, wanted.split('-')[0]!]) if (Object.hasOwn(texts, candidate)) return { text: texts[candidate]!, lang: candidate };
  return { text: texts.nl!, lang: 'nl' };
}

/**
 * The survey items for what an invitation was sent with: in its order, each step's items with its
 * step, the journey's after the steps. Items whose definition or step is gone are left out.
 */
export function surveyItems(
  asked: readonly AskedItem[],
  definitions: ReadonlyMap<string, ItemDefinition>,
  steps: readonly { id: number; slug: string }[],
  language: { code: string; texts: CitizenTexts },
  organisation: string,
): SurveyItem[] {
  const t = language.texts.items;
  const slugOf = new Map(steps.map((step) => [step.id, step.slug]));
  return asked.flatMap((item): SurveyItem[] => {
    const definition = definitions.get(item.code);
    const stepSlug = item.touchpointId === null ? undefined : slugOf.get(item.touchpointId);
    if (!definition || (item.touchpointId !== null && !stepSlug)) return [];
    const base = { field: itemField(item.code, stepSlug), code: item.code, touchpointId: item.touchpointId, stepSlug, scale: definition.scale };
    const dontKnow = allowsDontKnow(definition.scale) ? [{ value: DONT_KNOW, label: t.scales.dontKnow }] : [];
    if (definition.custom) {
      const question = inLanguage(definition.custom.texts, language.code);
      const lang = question.lang === language.code ? undefined : question.lang;
      const options =
        definition.scale === 'keuze'
          ? definition.custom.options.map((option, index) => {
              const label = inLanguage(option, language.code);
              return { value: String(index + 1), label: label.text, ...(label.lang === language.code ? {} : { lang: label.lang }) };
            })
          : agreeOptions(t);
      return [{ ...base, question: question.text, ...(lang ? { lang } : {}), options: [...options, ...dontKnow], layout: 'list' }];
    }
    const question = language.texts.items.question(item.code, organisation) ?? item.code;
    if (definition.scale === 'ja-deels-nee')
      return [{ ...base, question, options: [3, 2, 1].map((value) => ({ value: String(value), label: t.scales.yesPartlyNo[String(value) as '1' | '2' | '3'] })), layout: 'list' }];
    if (definition.scale === 'cijfer-1-10')
      return [{ ...base, question, hint: t.scales.gradeHint, options: scaleValues('cijfer-1-10').map((value) => ({ value: String(value), label: String(value) })), layout: 'scale' }];
    return [{ ...base, question, hint: t.scales.agreeHint, options: [...agreeOptions(t), ...dontKnow], layout: 'list' }];
  });
}

const agreeOptions = (t: CitizenTexts['items']) => scaleValues('eens-1-5').map((value) => ({ value: String(value), label: t.scales.agree[String(value) as '1' | '2' | '3' | '4' | '5'] }));
