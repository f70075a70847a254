/** The journey designer's form for an own closed question, parsed and checked without the database (pure). */
import { CUSTOM_CODE, isReservedCode } from '../items/item-bank';
import type { CustomItemInput } from '../items/journey-items';
import type { ItemTexts } from '../db/schema';
import { itemDesigner } from '../texts';
import type { FormErrors, FormResult, FormValues } from './designer-forms';

const e = itemDesigner.errors;

export const OWN_ITEM_FIELDS = ['ownCode', 'ownScale', 'ownQuestionNl', 'ownQuestionEn', 'ownOptionsNl', 'ownOptionsEn'] as const;
export const OWN_SCALES = ['keuze', 'eens-1-5'] as const;
export const OWN_QUESTION_MAX = 200;
export const OWN_OPTION_MAX = 80;
export const OWN_OPTIONS = { min: 2, max: 8 } as const;
const CODE_LENGTH = { min: 3, max: 32 } as const;

export const emptyOwnItemValues = (): FormValues => Object.fromEntries(OWN_ITEM_FIELDS.map((field) => [field, '']));

/** Why an own item's code cannot be used (format or a bank prefix), or undefined when it may; whether it is free is the database's question. */
export function ownCodeProblem(code: string): string | undefined {
  if (code === '') return e.codeRequired;
  if (isReservedCode(code)) return e.codeReserved;
  if (code.length < CODE_LENGTH.min || code.length > CODE_LENGTH.max || !CUSTOM_CODE.test(code)) return e.codeFormat;
  return undefined;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The options of a keuze question, or the first problem with them. */
function parseOptions(dutchText: string, englishText: string): { options: ItemTexts[] } | { field: 'ownOptionsNl' | 'ownOptionsEn'; message: string } {
  const dutch = lines(dutchText);
  const english = lines(englishText);
  if (dutch.length < OWN_OPTIONS.min || dutch.length > OWN_OPTIONS.max) return { field: 'ownOptionsNl', message: e.optionsCount(OWN_OPTIONS.min, OWN_OPTIONS.max) };
  const twice = dutch.find((option, index) => dutch.indexOf(option) !== index);
  if (twice) return { field: 'ownOptionsNl', message: e.optionTwice(twice) };
  if (dutch.some((option) => option.length > OWN_OPTION_MAX)) return { field: 'ownOptionsNl', message: e.optionTooLong(OWN_OPTION_MAX) };
  if (english.length > 0 && english.length !== dutch.length) return { field: 'ownOptionsEn', message: e.optionsEnCount(dutch.length) };
  if (english.some((option) => option.length > OWN_OPTION_MAX)) return { field: 'ownOptionsEn', message: e.optionTooLong(OWN_OPTION_MAX) };
  return { options: dutch.map((nl, index): ItemTexts => (english[index] ? { nl, en: english[index] } : { nl })) };
}

/**
 * Validates the own-question form: the values to re-render and the first error per field, in
 * form order. The code is upper-cased (typed "eigen-parkeren" is meant as EIGEN-PARKEREN).
 */
export function parseOwnItemForm(body: Record<string, unknown>): FormResult<CustomItemInput> {
  const values: FormValues = {};
  for (const field of OWN_ITEM_FIELDS) values[field] = typeof body[field] === 'string' ? (body[field] as string) : '';
  const errors: FormErrors = {};
  const code = values.ownCode!.trim().toUpperCase();
  const codeProblem = ownCodeProblem(code);
  if (codeProblem) errors.ownCode = codeProblem;
  const scale = OWN_SCALES.find((candidate) => candidate === values.ownScale);
  if (!scale) errors.ownScale = e.scale;
  const questionNl = values.ownQuestionNl!.trim();
  const questionEn = values.ownQuestionEn!.trim();
  if (questionNl === '') errors.ownQuestionNl = e.questionRequired;
  else if (questionNl.length > OWN_QUESTION_MAX) errors.ownQuestionNl = e.tooLong(OWN_QUESTION_MAX);
  if (questionEn.length > OWN_QUESTION_MAX) errors.ownQuestionEn = e.tooLong(OWN_QUESTION_MAX);
  const options = scale === 'keuze' ? parseOptions(values.ownOptionsNl!, values.ownOptionsEn!) : { options: [] };
  if ('field' in options) errors[options.field] = options.message;
  if (Object.keys(errors).length > 0 || !scale || 'field' in options) {
    const ordered: FormErrors = {};
    for (const field of OWN_ITEM_FIELDS) if (errors[field]) ordered[field] = errors[field];
    return { ok: false, values, errors: ordered };
  }
  const texts: ItemTexts = questionEn ? { nl: questionNl, en: questionEn } : { nl: questionNl };
  return { ok: true, data: { code, scale, texts, options: options.options }, values };
}
