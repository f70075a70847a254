// The digest "Ongezouten feedback": the mail for staff, the printable page and the choice on /account.

const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

export const digest = {
  title: 'Ongezouten feedback',
  /** A month key '2026-10' as "oktober 2026". */
  month: (key: string) => `${months[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`,
  week: (week: number, from: string, to: string) => `week ${week} (${from} tot en met ${to})`,
  days: (from: string, to: string) => `${from} tot en met ${to}`,
  subject: (period: string) => `Ongezouten feedback over ${period}`,
  intro: (period: string, previous: string) =>
    `Wat inwoners vonden van onze dienstverlening in ${period}: alle klantreizen, alle inwoners. We vergelijken met ${previous}.`,
  privacy: (minGroupSize: number) =>
    `Groepen van minder dan ${minGroupSize} inwoners laten we weg. E-mailadressen, telefoonnummers, rekeningnummers en BSN's in citaten zijn onleesbaar gemaakt.`,
  knelpunten: {
    title: 'Waar inwoners het moeilijk hadden',
    none: 'Geen knelpunten: geen enkele stap was duidelijk negatief of duidelijk slechter dan ervoor.',
  },
  compliments: {
    title: 'Wat goed ging',
    none: 'Geen stap was in deze periode duidelijk positief.',
  },
  risingThemes: {
    title: 'Onderwerpen die vaker genoemd werden',
    none: 'Geen onderwerp werd duidelijk vaker genoemd dan in de periode ervoor.',
    line: (respondents: string, share: string, previousShare: string) =>
      `${respondents} inwoners noemden dit: ${share} van de negatieve opmerkingen bij deze stap (in de periode ervoor ${previousShare}).`,
  },
  actions: {
    title: 'Verbeteracties die aandacht vragen',
    intro: (until: string) => `Open verbeteracties die te laat zijn of uiterlijk ${until} klaar moeten zijn.`,
    none: 'Geen open verbeteracties die te laat zijn of binnenkort klaar moeten zijn.',
    due: (day: string) => `Moet klaar zijn op ${day}.`,
    overdue: (day: string) => `Te laat: had ${day} klaar moeten zijn.`,
    more: (count: number) => `En nog ${count} op de pagina Verbeteracties.`,
  },
  responses: {
    title: 'Respons per klantreis',
    caption: (period: string) => `Uitnodigingen die in ${period} zijn verstuurd, en hoeveel daarvan zijn ingevuld`,
    columns: { journey: 'Klantreis', invited: 'Uitgenodigd', answered: 'Ingevuld', rate: 'Respons' },
    line: (journey: string, invited: string, answered: string, rate: string) => `${journey}: ${invited} uitgenodigd, ${answered} ingevuld (${rate}).`,
    tooFew: (minGroupSize: number) => `minder dan ${minGroupSize} uitnodigingen`,
  },
  mail: {
    greeting: 'Beste collega,',
    pageLabel: 'Bekijk de samenvatting',
    closing: 'Met vriendelijke groet,',
    stop: 'Wilt u deze samenvatting niet meer, of liever elke week of elke maand? Pas het aan op uw accountpagina:',
  },
  page: {
    heading: (period: string) => `Ongezouten feedback over ${period}`,
    formLabel: 'Periode van de samenvatting',
    choose: 'Samenvatting over',
    lastMonth: 'Vorige maand',
    lastWeek: 'Vorige week',
    ownPeriod: 'De periode hieronder',
    printHint: 'Afdrukken of opslaan als pdf: gebruik de afdrukfunctie van uw browser. Menu en knoppen worden dan weggelaten.',
    navLink: 'Samenvatting',
    overviewLink: 'Samenvatting van vorige maand, om te printen of te delen',
  },
  account: {
    title: 'Samenvatting per e-mail',
    intro: 'Ongezouten feedback: de grootste knelpunten, wat goed ging, verbeteracties die aandacht vragen en de respons. U krijgt hem na afloop van elke maand of week.',
    legend: 'Hoe vaak wilt u de samenvatting ontvangen?',
    options: { month: 'Elke maand (aanbevolen)', week: 'Elke week', uit: 'Niet' },
    status: {
      month: 'U ontvangt de samenvatting elke maand.',
      week: 'U ontvangt de samenvatting elke week.',
      uit: 'U ontvangt de samenvatting nu niet.',
    },
    save: 'Keuze opslaan',
    saved: 'Uw keuze voor de samenvatting is opgeslagen.',
    required: 'Kies hoe vaak u de samenvatting wilt ontvangen.',
  },
} as const;
