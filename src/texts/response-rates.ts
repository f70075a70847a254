import { formatNumber, formatPercent } from './formatters';

// "Wie antwoordt, wie niet": response rates per group, and the groups that answer clearly less often.

const fractions: [number, string][] = [
  [1 / 2, 'half'],
  [0.4, 'nog geen half'],
  [1 / 3, 'een derde'],
  [1 / 4, 'een kwart'],
  [1 / 5, 'een vijfde'],
  [1 / 10, 'een tiende'],
];
const reductions: [number, string][] = [
  [0.4, 'ruim een derde'],
  [1 / 3, 'een derde'],
  [1 / 4, 'een kwart'],
  [1 / 5, 'een vijfde'],
  [1 / 10, 'een tiende'],
];
const nearest = (choices: [number, string][], value: number) =>
  choices.reduce((best, choice) => (Math.abs(choice[0] - value) < Math.abs(best[0] - value) ? choice : best))[1];

/**
 * A group's response rate against the rest's in plain words: 0.5 → "half zo vaak",
 * 0.67 → "een derde minder vaak". The exact percentages always stand beside it.
 */
export function howOften(ratio: number): string {
  if (ratio < 0.075) return 'nog geen tiende zo vaak';
  if (ratio <= 0.55) return `${nearest(fractions, ratio)} zo vaak`;
  const reduction = 1 - ratio;
  if (reduction < 0.075) return `${formatPercent(reduction)} minder vaak`;
  return `${nearest(reductions, reduction)} minder vaak`;
}

/** "p = 0,012", or "p < 0,001" for the very small ones. */
const pText = (p: number) => (p < 0.001 ? 'p < 0,001' : `p = ${formatNumber(p, 3)}`);
const points = (difference: number) => `${formatNumber(difference * 100, 0, true)} procentpunt`;

export const responseRates = {
  title: 'Wie antwoordt, wie niet',
  intro: (min: number) =>
    `Van de zaken in deze periode: hoeveel inwoners een uitnodiging kregen, hoeveel die bereikte en hoeveel de vragenlijst invulden, per groep en per kanaal. Elke groep vergelijken we met alle andere uitgenodigden. Groepen met minder dan ${min} uitnodigingen tonen we niet.`,
  filterNote: 'De filters hierboven (segment en kanaal) gelden ook hier: we vergelijken binnen de gekozen inwoners.',
  underHeardTitle: 'Deze groepen horen we minder',
  /** "65+ antwoordt half zo vaak als de rest (20% tegen 41%)". */
  sentence: (group: string, ratioWords: string, rate: number, rest: number) => `${group} antwoordt ${ratioWords} als de rest (${formatPercent(rate)} tegen ${formatPercent(rest)})`,
  detail: (groupN: number, restN: number, difference: number, low: number, high: number, adjustedP: number) =>
    `${formatNumber(groupN, 0)} tegen ${formatNumber(restN, 0)} uitnodigingen · verschil ${points(difference)} (95%-interval ${points(low)} tot ${points(high)}) · ${pText(adjustedP)} na correctie`,
  none: 'Geen groep antwoordt duidelijk minder vaak dan de rest.',
  tested: (count: number) =>
    count === 0
      ? 'Er waren geen groepen groot genoeg om te vergelijken.'
      : `${formatNumber(count, 0)} ${count === 1 ? 'groep' : 'groepen'} vergeleken met de rest (toets op twee percentages). Omdat we zoveel vergelijken, is gecorrigeerd voor toevalstreffers (Benjamini–Hochberg, 5%).`,
  tooFew: (min: number) => `Minder dan ${min} uitnodigingen in deze periode: te weinig om per groep te tonen.`,
  channel: 'Kanaal',
  noChannel: 'onbekend',
  caption: (dimension: string) => `Respons per ${dimension.toLowerCase()}`,
  columns: {
    invited: 'Uitgenodigd',
    reached: 'Bereikt',
    answered: 'Ingevuld',
    rate: 'Respons',
    interval: '95%-interval',
    noAddress: 'Geen adres',
  },
  interval: (low: number, high: number) => `${formatPercent(low)} tot ${formatPercent(high)}`,
  hidden: (count: number, min: number) =>
    `${formatNumber(count, 0)} ${count === 1 ? 'groep' : 'groepen'} met minder dan ${min} uitnodigingen niet getoond.`,
  reachedNote: 'Bereikt: een mailserver nam de uitnodiging aan, of bij een brief: het zaaksysteem kreeg de link en code voor de brief. Mails die onbestelbaar terugkwamen (een harde bounce) tellen niet als bereikt; of een brief aankwam, weten we niet. De respons rekenen we over alle uitgenodigden.',
  notInvitedTitle: 'Niet uitgenodigd',
  notInvited: (counts: { cases: number; optedOut: number; recentlyInvited: number; noAddress: number }) => {
    const notInvited = counts.optedOut + counts.recentlyInvited + counts.noAddress;
    if (notInvited === 0) return `Alle ${formatNumber(counts.cases, 0)} zaken kregen een uitnodiging.`;
    const reasons = [
      counts.noAddress > 0 ? `${formatNumber(counts.noAddress, 0)} omdat er geen adres was om de vragenlijst naar te sturen` : '',
      counts.optedOut > 0 ? `${formatNumber(counts.optedOut, 0)} omdat het adres zich had afgemeld` : '',
      counts.recentlyInvited > 0 ? `${formatNumber(counts.recentlyInvited, 0)} omdat het adres kort geleden al een uitnodiging kreeg` : '',
    ].filter(Boolean);
    const list = reasons.length > 1 ? `${reasons.slice(0, -1).join(', ')} en ${reasons.at(-1)}` : reasons[0];
    return `${formatNumber(notInvited, 0)} van de ${formatNumber(counts.cases, 0)} zaken (${formatPercent(notInvited / counts.cases)}) kregen geen uitnodiging: ${list}.`;
  },
  /** The share nobody could ask at all, on its own line: these citizens are missing from every figure. */
  noAddress: (noAddress: number, cases: number) =>
    `${formatPercent(noAddress / cases)} van de zaken kon niet worden uitgenodigd, per e-mail noch per brief: zij ontbreken in alle cijfers op dit dashboard.`,
  noAddressNote:
    'Zaken zonder adres tellen mee als het zaaksysteem ze doorgeeft met "delivery": "none", of als de ZGW-koppeling geen e-mailadres vindt. Zaken die het zaaksysteem helemaal niet doorgeeft, ziet meethuis niet.',
} as const;
