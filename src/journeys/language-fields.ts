/*
 * The names of the touchpoint form's fields for questions in other languages: numbered rows of a
 * code and a question, the stored languages first (their code a hidden field), then one row to add
 * a language. Pure, so the form's view and its parser share them.
 */
import type { FormValues } from './designer-forms';

export const languageField = (row: number) => `questionLanguage${row}`;
export const languageQuestionField = (row: number) => `questionText${row}`;

/** The row numbers in these form values, in order. */
export function languageRows(values: FormValues): number[] {
  const rows: number[] = [];
  while (languageField(rows.length) in values) rows.push(rows.length);
  return rows;
}
