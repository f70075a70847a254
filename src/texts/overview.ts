// "Waar nu eerst": the overview across all journeys at the top of /dashboard.

export const overview = {
  title: 'Waar nu eerst',
  intro: (period: string, previous: string) => `Alle klantreizen en alle inwoners, ${period}, vergeleken met ${previous}.`,
  knelpunten: {
    title: 'Grootste knelpunten',
    intro: 'Gerangschikt op hoe negatief het gevoel is maal hoeveel inwoners het betreft.',
    none: 'Geen knelpunten: geen enkele stap is in deze periode duidelijk negatief of duidelijk slechter dan ervoor.',
    feeling: (mean: string, n: string) => `Gevoel ${mean} (${n} antwoorden)`,
    actions: (open: number, overdue: number) =>
      open === 0 ? 'Nog geen open verbeteractie' : `${open} open ${open === 1 ? 'verbeteractie' : 'verbeteracties'}${overdue > 0 ? `, ${overdue} te laat` : ''}`,
    lastEffect: (title: string, line: string) => `Effect van „${title}”: ${line}`,
    quoteLabel: 'Een inwoner:',
    theme: (label: string, responses: string, share: string) => `Waar het over gaat: „${label}” (${responses} inwoners, ${share} van de negatieve opmerkingen)`,
  },
  trend: (trend: string, detail: string) => `vergeleken met de vorige periode ${trend} (${detail})`,
  drivers: {
    title: 'Wat bepaalt het cijfer?',
    intro: 'Per klantreis de stap die het sterkst samenhangt met het rapportcijfer (samenhang, geen bewijs).',
    line: (journey: string, step: string, share: string) => `${journey}: ${step} (${share} van de verschillen in het cijfer)`,
    priority: 'hier eerst verbeteren',
    none: 'Nog te weinig antwoorden om te zien welke stap het cijfer bepaalt.',
    atKnelpunt: 'Deze stap hangt in deze klantreis het sterkst samen met het rapportcijfer.',
  },
  gaps: {
    title: 'Groepen die achterblijven',
    none: 'Geen groep inwoners voelt zich bij een stap duidelijk slechter dan de rest.',
    journey: (journey: string) => `(${journey})`,
  },
  goingWell: {
    title: 'Wat goed gaat',
    none: 'Nog geen stap is in deze periode duidelijk positief.',
  },
  responseRates: {
    title: 'Respons',
    none: 'Het responspercentage is in geen enkele klantreis duidelijk veranderd.',
    change: (journey: string, current: string, previous: string, rose: boolean) =>
      `${journey}: ${current} van de afgeronde uitnodigingen ingevuld, ${rose ? 'meer' : 'minder'} dan de vorige periode (${previous}).`,
  },
  underHeard: {
    title: 'Wie we minder horen',
    none: 'In geen enkele klantreis antwoordt een groep duidelijk minder vaak dan de rest.',
  },
  detailLink: (journey: string) => `Bekijk ${journey}`,
  journeysTitle: 'Per klantreis',
  journeysIntro: 'Kies een klantreis voor de hartmonitor, de dips en de achtergrond.',
} as const;
