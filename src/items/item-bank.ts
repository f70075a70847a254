/*
 * The item bank: the questions meethuis can ask beside each step's feeling, each with a code that
 * never changes, so answers compare across years, municipalities and the national figures. Pure:
 * the texts citizens read are in the language files (src/texts/citizen/<code>.json, "items"), the
 * sources are named in the README. What a journey asks is in journey_items (journey-items.ts).
 */
import type { ItemScale } from '../db/schema';

/** Where an item may be asked: once for the journey, at a step, or either. */
export type ItemLevel = 'journey' | 'touchpoint' | 'both';

export interface BankItem {
  code: string;
  scale: ItemScale;
  level: ItemLevel;
  /** Can explain the grade in the key-driver analysis (an outcome such as trust cannot). */
  driver: boolean;
  /** The study or norm the item comes from, as the codebook and README name it. */
  source: string;
}

/** Asked in every survey since the start; listed so the codebook and export describe them too. */
export interface FixedItem {
  code: 'MH-CIJFER' | 'MH-MOEITE' | 'MH-GEVOEL';
  scale: 'cijfer-1-10' | 'moeite-1-7' | 'gevoel-5';
  level: 'journey' | 'touchpoint';
  source: string;
}

const VNG = 'VNG, Gemeentelijke Normen Dienstverlening / minimumnorm KTO (2011); Benchmarking Publiekszaken';
const MEETHUIS = 'Overheidsbreed meethuis (BZK / Logius): drijfveren van vertrouwen';
const BENCHMARK = 'Benchmarking Publiekszaken, KTO-aspecten (Vergelijkbaar in de praktijk)';

export const FIXED_ITEMS: readonly FixedItem[] = [
  { code: 'MH-GEVOEL', scale: 'gevoel-5', level: 'touchpoint', source: 'KEK-handboek klantreizen, hartmonitor' },
  { code: 'MH-CIJFER', scale: 'cijfer-1-10', level: 'journey', source: 'Rapportcijfer 1–10, Nederlands KTO-gebruik' },
  { code: 'MH-MOEITE', scale: 'moeite-1-7', level: 'journey', source: 'Customer Effort Score (Dixon e.a., 2010), 7-puntsschaal' },
];

export const BANK_ITEMS: readonly BankItem[] = [
  { code: 'MH-BEANTWOORD', scale: 'ja-deels-nee', level: 'both', driver: true, source: VNG },
  { code: 'MH-SERIEUS', scale: 'eens-1-5', level: 'both', driver: true, source: MEETHUIS },
  { code: 'MH-MEEDENKEN', scale: 'eens-1-5', level: 'both', driver: true, source: MEETHUIS },
  { code: 'MH-VERTROUWEN', scale: 'eens-1-5', level: 'journey', driver: false, source: MEETHUIS },
  { code: 'BP-WACHTTIJD', scale: 'cijfer-1-10', level: 'both', driver: true, source: BENCHMARK },
  { code: 'BP-INFORMATIE', scale: 'cijfer-1-10', level: 'both', driver: true, source: BENCHMARK },
  { code: 'BP-DESKUNDIG', scale: 'cijfer-1-10', level: 'both', driver: true, source: BENCHMARK },
  { code: 'BP-BEJEGENING', scale: 'cijfer-1-10', level: 'both', driver: true, source: BENCHMARK },
];

export const ANSWERED_ITEM = 'MH-BEANTWOORD';
/** The codes of the ja-deels-nee scale: higher is better, like every ordered scale here. */
export const YES_PARTLY_NO = { yes: 3, partly: 2, no: 1 } as const;

const bankByCode = new Map(BANK_ITEMS.map((item) => [item.code, item]));
export const bankItem = (code: string): BankItem | undefined => bankByCode.get(code);

/** Codes of the bank (and the fixed questions) start like this; an administrator's own codes may not. */
export const RESERVED_PREFIXES = ['MH-', 'BP-'] as const;
/** An own item's code: capitals, digits and hyphens, 3–32 long, e.g. `EIGEN-PARKEREN`. */
export const CUSTOM_CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
export const isReservedCode = (code: string) => RESERVED_PREFIXES.some((prefix) => code.startsWith(prefix));

/** The codes an answer on a scale can have, lowest first; keuze takes its options' count. */
export function scaleValues(scale: ItemScale, optionCount = 0): number[] {
  switch (scale) {
    case 'ja-deels-nee':
      return [1, 2, 3];
    case 'eens-1-5':
      return [1, 2, 3, 4, 5];
    case 'cijfer-1-10':
      return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    case 'keuze':
      return Array.from({ length: optionCount }, (_, index) => index + 1);
  }
}

/** Whether a citizen may answer "Weet ik niet / niet van toepassing" (stored as null). */
export const allowsDontKnow = (scale: ItemScale) => scale === 'eens-1-5';

/** Ordered scales can be averaged and used as a driver; a keuze question's options cannot. */
export const isOrdered = (scale: ItemScale) => scale !== 'keuze';

/**
 * The value on 0–1 (worst to best), so items on different scales line up in one chart and as
 * drivers; undefined for keuze and for "weet ik niet".
 */
export function normalised(scale: ItemScale, value: number | null): number | undefined {
  if (value === null || !isOrdered(scale)) return undefined;
  const values = scaleValues(scale);
  return (value - values[0]!) / (values[values.length - 1]! - values[0]!);
}

/** The share the dashboard reports for an item: "ja" for ja-deels-nee, agree (4–5) for eens, 7 or higher for a grade. */
export function isPositive(scale: ItemScale, value: number): boolean {
  if (scale === 'ja-deels-nee') return value === YES_PARTLY_NO.yes;
  if (scale === 'eens-1-5') return value >= 4;
  if (scale === 'cijfer-1-10') return value >= 7;
  return false;
}

/** Seconds a citizen needs for one question, for the designer's estimate (B1 reading speed, one click). */
export const SECONDS_PER = { feeling: 12, stepComment: 10, closing: 20, item: { 'ja-deels-nee': 7, 'eens-1-5': 9, 'cijfer-1-10': 9, keuze: 10 } } as const;
/** Above this the designer warns: the survey should stay a 2–3 minute task. */
export const MAX_SURVEY_SECONDS = 180;

/** How long a survey of this many steps and these items takes, in seconds. */
export function estimatedSeconds(steps: number, itemScales: readonly ItemScale[]): number {
  return steps * (SECONDS_PER.feeling + SECONDS_PER.stepComment) + SECONDS_PER.closing + itemScales.reduce((sum, scale) => sum + SECONDS_PER.item[scale], 0);
}

/**
 * The minutes the invitation mail and the survey page promise: the estimate rounded up, never
 * fewer than 2. From the item codes alone (an own question counts as a single choice, the
 * slowest), so the mail, rendered without reading own items, says what the page says.
 */
export const surveyMinutes = (steps: number, itemCodes: readonly string[]) =>
  Math.max(2, Math.ceil(estimatedSeconds(steps, itemCodes.map((code) => bankItem(code)?.scale ?? 'keuze')) / 60));

/** Channels where the citizen is in contact with a person with a question: a journey made only of these asks "Is uw vraag beantwoord?" by default. */
export const CONTACT_CHANNELS = ['telefoon', 'balie', 'chat', 'e-mail', 'video'] as const;
export const isContactJourney = (channels: readonly string[]) =>
  channels.length > 0 && channels.every((channel) => (CONTACT_CHANNELS as readonly string[]).includes(channel));
