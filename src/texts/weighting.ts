import { formatPercent } from './formatters';
import { segmentKeyInSentence } from './segments';

// "Gewogen": the heart monitor and the grades weighted to the mix of the invited inhabitants.

const list = (values: string[]) => (values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} en ${values.at(-1)}`);

export const weighting = {
  /** The filter form's choice. */
  choice: 'Weeg naar de uitgenodigden op',
  none: '(geen)',
  title: (key: string) => `Gewogen naar de uitgenodigden per ${segmentKeyInSentence(key)}`,
  intro: (key: string) =>
    `Niet elke groep vult de vragenlijst even vaak in. Gewogen cijfers tellen elke ${segmentKeyInSentence(key)} mee naar zijn aandeel onder de uitgenodigden, niet naar zijn aandeel onder wie antwoordde. Zo tellen groepen die weinig antwoorden even zwaar als ze onder de uitgenodigden zijn. Het ongewogen cijfer staat ernaast; een groot verschil betekent dat wie antwoordt, anders oordeelt dan wie niet antwoordt.`,
  effectiveNote:
    'Wegen kost zekerheid: het effectief aantal antwoorden zegt op hoeveel antwoorden zonder weging het gewogen cijfer even zeker is. Daarom is het interval van het gewogen cijfer breder.',
  smallNote: (min: number, mergeShare: number) =>
    `Groepen met minder dan ${min} uitgenodigden of minder dan ${min} antwoorden tellen samen als één groep "overig". Heeft ook die groep te weinig antwoorden, dan telt hij mee bij de groep met de minste antwoorden als hij hooguit ${formatPercent(mergeShare)} van de uitgenodigden is; is hij groter, dan tonen we geen gewogen cijfer.`,
  periodNote: 'De mix van uitgenodigden telt de uitnodigingen van deze periode; de antwoorden zijn die van deze periode.',
  gewogen: 'gewogen',
  ongewogen: 'ongewogen',
  stepsCaption: (key: string) => `Gevoel per stap, gewogen naar de uitgenodigden per ${segmentKeyInSentence(key)}`,
  scoresCaption: (key: string) => `Cijfers van de hele periode, gewogen naar de uitgenodigden per ${segmentKeyInSentence(key)}`,
  mixCaption: 'Aandeel onder de uitgenodigden en onder wie antwoordde (rapportcijfer)',
  chartLabel: (key: string) =>
    `Hartmonitor ongewogen en gewogen naar de uitgenodigden per ${segmentKeyInSentence(key)}. De tabel hieronder bevat dezelfde cijfers.`,
  columns: {
    step: 'Stap',
    measure: 'Cijfer',
    ongewogen: 'Ongewogen',
    gewogen: 'Gewogen',
    interval: '95%-interval gewogen',
    n: 'Antwoorden (n)',
    effectiveN: 'Effectief aantal',
    note: 'Toelichting',
    group: 'Groep',
    invitedShare: 'Onder de uitgenodigden',
    answeredShare: 'Onder wie antwoordde',
  },
  measures: { grade: 'Rapportcijfer', gradeAtLeastSeven: '7 of hoger', effort: 'Makkelijk (1–7)' },
  unknownValue: 'onbekend',
  overig: (values: string[]) => `overig (${list(values)})`,
  /** A small unheard group taken into the group with the fewest answers, instead of no weighting at all. */
  merged: (group: string, values: string[]) => `${group} samen met ${list(values)} (te weinig antwoorden om apart te wegen)`,
  interval: (low: string, high: string) => `${low} tot ${high}`,
  refusals: {
    'segment-filter': 'Wegen kan niet samen met een segmentfilter: kies bij Segment "Alle inwoners" om gewogen cijfers te zien.',
    'no-invitations': 'niet te wegen: geen uitnodigingen in deze periode',
    'too-few-answers': (min: number) => `niet te wegen: minder dan ${min} antwoorden`,
    'other-too-small': (values: string[], min: number) => `niet te wegen: te weinig antwoorden van ${list(values)} (samen minder dan ${min})`,
  },
} as const;
