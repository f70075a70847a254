import { formatNumber } from './formatters';
import { segmentChoiceLabel } from './segments';

// Segment gaps: which groups of inhabitants feel clearly different at a step than the rest.

const signed = (value: number) => formatNumber(value, 2, true);

/** "p = 0,012", or "p < 0,001" for the very small ones. */
const pText = (p: number) => (p < 0.001 ? 'p < 0,001' : `p = ${formatNumber(p, 3)}`);

export const segmentGaps = {
  title: 'Verschillen tussen groepen',
  intro: (min: number) =>
    `Bij elke stap vergelijken we elke groep inwoners (bijvoorbeeld een leeftijd of een wijk) met alle andere inwoners. Hier staan alleen de duidelijke verschillen, grootste verschil maal aantal antwoorden eerst. Groepen met minder dan ${min} antwoorden vergelijken we niet.`,
  /** The gap in one line, e.g. "65+: Bevestiging ontvangen -0,71 tegen +0,20 bij de rest". */
  sentence: (value: string, step: string, group: number, rest: number) => `${value}: ${step} ${signed(group)} tegen ${signed(rest)} bij de rest`,
  detail: (key: string, value: string, groupN: number, restN: number, difference: number, low: number, high: number, adjustedP: number) =>
    `${segmentChoiceLabel(key, value)} · ${formatNumber(groupN, 0)} tegen ${formatNumber(restN, 0)} antwoorden · verschil ${signed(difference)} (95%-interval ${signed(low)} tot ${signed(high)}) · ${pText(adjustedP)} na correctie`,
  tested: (count: number) =>
    count === 0
      ? 'Er waren geen groepen groot genoeg om te vergelijken.'
      : `${formatNumber(count, 0)} ${count === 1 ? 'vergelijking' : 'vergelijkingen'} getoetst (Welch-toets). Omdat we zoveel vergelijken, is gecorrigeerd voor toevalstreffers (Benjamini–Hochberg, 5%).`,
  none: 'Geen duidelijke verschillen: geen enkele groep voelt zich bij een stap duidelijk anders dan de rest.',
  segmentFilterNote: 'Let op: hier vergelijken we alle groepen, ook als u hierboven één segment hebt gekozen.',
} as const;
