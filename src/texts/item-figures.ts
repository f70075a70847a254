// The item bank's questions on the dashboard: "Vragen uit de vragenbank" and "Is uw vraag beantwoord?".
import type { ItemScale } from '../db/schema';
import { formatNumber, formatPercent, formatPeriods } from './formatters';

const range = (low: string, high: string) => `${low} tot ${high}`;

export const itemFigures = {
  title: 'Vragen uit de vragenbank',
  intro:
    'De vragen die deze reis naast het gevoel per stap stelt. Per vraag het aantal antwoorden, het deel dat positief antwoordde (ja, (helemaal) mee eens of een 7 of hoger) en het gemiddelde op de eigen schaal, elk met een 95%-interval.',
  // Used in a question that names the organisation ("Ik heb vertrouwen in …") when staff read it.
  organisation: 'de gemeente',
  none: 'Deze reis stelt geen vragen uit de vragenbank, en in deze periode zijn er geen antwoorden op zulke vragen.',
  caption: 'Antwoorden per vraag',
  columns: {
    code: 'Code',
    question: 'Vraag',
    where: 'Waar gevraagd',
    n: 'Antwoorden (n)',
    positive: 'Positief',
    positiveInterval: '95%-interval positief',
    mean: 'Gemiddelde',
    meanInterval: '95%-interval gemiddelde',
    distribution: 'Verdeling',
  },
  wholeJourney: 'hele reis',
  removed: 'niet meer gevraagd',
  tooFew: 'te weinig antwoorden',
  tooFewNote: (min: number) => `Bij minder dan ${min} antwoorden tonen we alleen het aantal: zo blijft niemand herkenbaar.`,
  dontKnow: (count: number) => `weet ik niet: ${formatNumber(count, 0)}`,
  scaleOf: {
    'ja-deels-nee': 'ja, deels of nee',
    'eens-1-5': '1 (helemaal oneens) tot 5 (helemaal eens)',
    'cijfer-1-10': 'cijfer 1 tot 10',
    keuze: 'één keuze',
  } satisfies Record<ItemScale, string>,
  valueLabel: (scale: ItemScale, value: number, options: string[]): string => {
    if (scale === 'ja-deels-nee') return ({ 3: 'ja', 2: 'deels', 1: 'nee' } as Record<number, string>)[value] ?? String(value);
    if (scale === 'keuze') return options[value - 1] ?? String(value);
    return String(value);
  },
  share: (share: number) => formatPercent(share),
  interval: (low: number, high: number, digits: 1 | 2) => range(formatNumber(low, digits), formatNumber(high, digits)),
  shareInterval: (low: number, high: number) => range(formatPercent(low), formatPercent(high)),
  answered: {
    title: 'Is uw vraag beantwoord?',
    intro:
      'Hoe vaak inwoners zeiden dat hun vraag beantwoord was (ja, deels of nee), per stap, per kanaal van de zaak en per periode. Per kanaal en per periode tellen alle antwoorden op deze vraag mee, voor de hele reis en per stap.',
    none: 'In deze periode heeft niemand deze vraag beantwoord.',
    perStepCaption: 'Beantwoord per stap',
    perChannelCaption: 'Beantwoord per kanaal',
    trendCaption: (granularity: 'maand' | 'kwartaal') => (granularity === 'maand' ? 'Beantwoord per maand' : 'Beantwoord per kwartaal'),
    columns: { step: 'Stap', channel: 'Kanaal', period: 'Periode', n: 'Antwoorden (n)', yes: 'Ja', partly: 'Deels', no: 'Nee', yesInterval: '95%-interval ja' },
    noChannel: 'geen kanaal bekend',
    chartLabel: (journey: string) => `Deel "ja" op "Is uw vraag beantwoord?" per periode voor ${journey}. De tabel eronder bevat dezelfde cijfers.`,
    chart: { rate: 'Deel ja', average: 'Gemiddeld', n: 'antwoorden' },
  },
  drivers: {
    note:
      'Naast de stappen tellen ook de vragen uit de vragenbank mee die iets over het contact zeggen (zoals "Ik voelde me serieus genomen" of een cijfer voor de bejegening). Hun score is het gemiddelde antwoord op een schaal van 0 (slechtst) tot 100% (best); in de grafiek staat die score op dezelfde schaal als het gevoel (−2 tot +2).',
    atStep: (question: string, step: string) => `${question} (bij ${step})`,
    score: (score: string) => `score ${score}`,
    priorityItem: (question: string, share: string, score: string) => `${question}: ${share} van de verschillen in het cijfer, score ${score}.`,
    top: (question: string, share: string) => `Het sterkst hangt de vraag "${question}" samen met het cijfer: ${share} van de verschillen.`,
    axis: 'Gevoel per stap, of score van een vraag, op −2 tot +2',
    excluded: {
      'too-few-feelings': (min: number) => `niet in het model: minder dan ${min} inwoners gaven hier een antwoord`,
      'no-variation': () => 'niet in het model: iedereen gaf hier hetzelfde antwoord',
      'too-few-together': (min: number) => `niet in het model: minder dan ${min} inwoners beantwoordden deze vraag samen met een andere vraag of stap`,
      'too-many-steps': () => 'niet in het model: te veel stappen en vragen; die met de meeste antwoorden tellen mee',
    },
  },
} as const;

/** Period keys of the trend: months as the dashboard writes them, quarters as "K4 2026". */
export function formatTrendPeriods(periods: string[]): string[] {
  const months = formatPeriods(periods.filter((period) => !period.includes('-K')));
  let month = 0;
  return periods.map((period) => {
    const quarter = /^(\d{4})-K(\d)$/.exec(period);
    return quarter ? `K${quarter[2]} ${quarter[1]}` : months[month++]!;
  });
}
