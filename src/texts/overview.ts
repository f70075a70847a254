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
  },
  trend: (trend: string, detail: string) => `vergeleken met de vorige periode ${trend} (${detail})`,
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
  detailLink: (journey: string) => `Bekijk ${journey}`,
  journeysTitle: 'Per klantreis',
  journeysIntro: 'Kies een klantreis voor de hartmonitor, de dips en de achtergrond.',
} as const;
