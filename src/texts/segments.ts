import { MODE_SEGMENT_KEY, responseModes, type ResponseMode } from '../db/schema';
import { responseModeLabels } from './assisted';
import { labelOf } from './labels';

/*
 * Segment keys are free text from the source systems ("leeftijd", "ageBand", "wijk_code"). Staff
 * read a Dutch label; option values and URLs keep the raw key.
 */

/** Keys the demo, the README and common case systems use, by their key in lower case. */
const knownKeys: Record<string, string> = {
  leeftijd: 'Leeftijd',
  leeftijdsgroep: 'Leeftijdsgroep',
  ageband: 'Leeftijdsgroep',
  agegroup: 'Leeftijdsgroep',
  age: 'Leeftijd',
  wijk: 'Wijk',
  district: 'Wijk',
  neighbourhood: 'Buurt',
  neighborhood: 'Buurt',
  buurt: 'Buurt',
  stadsdeel: 'Stadsdeel',
  kanaal: 'Kanaal',
  channel: 'Kanaal',
  inkomen: 'Inkomen',
  income: 'Inkomen',
  huishouden: 'Huishouden',
  household: 'Huishouden',
  taal: 'Taal',
  language: 'Taal',
  gender: 'Geslacht',
  geslacht: 'Geslacht',
  firsttime: 'Eerste keer',
  eerstekeer: 'Eerste keer',
  organisationsize: 'Grootte van de organisatie',
  organizationsize: 'Grootte van de organisatie',
};

/** The reserved key the roll-ups count each response's mode under (src/heartmonitor/rollups.ts). */
const MODE_KEY_LABEL = 'Manier van invullen';

/** "ageBand" → "Leeftijdsgroep"; an unknown key readable: "wijk_code" → "Wijk code", "firstVisit" → "First visit". */
export function segmentKeyLabel(key: string): string {
  if (key === MODE_SEGMENT_KEY) return MODE_KEY_LABEL;
  const known = labelOf(knownKeys, key.toLowerCase().replace(/[\s_-]+/g, ''));
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  if (!words) return key;
  // Lower-case the split words, but keep all-capital ones (acronyms such as "KVK").
  const text = words
    .split(' ')
    .map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()))
    .join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The label inside a sentence: "Hartmonitor per leeftijdsgroep" (acronyms keep their capitals). */
export function segmentKeyInSentence(key: string): string {
  const label = segmentKeyLabel(key);
  const first = label.split(' ')[0]!;
  return first.length > 1 && first === first.toUpperCase() ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** A segment value as staff read it: the source system's own value, or the mode's Dutch label ("telefoon" → "Telefoon"). */
export function segmentValueLabel(key: string, value: string): string {
  return key === MODE_SEGMENT_KEY && responseModes.includes(value as ResponseMode) ? responseModeLabels[value as ResponseMode] : value;
}

/** One segment group as staff read it in a list of choices: "Leeftijdsgroep: 65+". */
export function segmentChoiceLabel(key: string, value: string): string {
  return `${segmentKeyLabel(key)}: ${segmentValueLabel(key, value)}`;
}
