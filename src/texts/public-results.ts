/** A quarter's name ("Juli tot en met september 2026") inside a sentence. */
const inSentence = (quarter: string) => quarter.charAt(0).toLowerCase() + quarter.slice(1);

/** /resultaten — "Wat u zei": the public results per journey and quarter, for citizens (taalniveau B1). */
export const publicResults = {
  title: 'Wat u zei',
  intro: (organisation: string) =>
    `Na contact met ${organisation} vragen wij inwoners hoe het ging. Op deze pagina ziet u per kwartaal wat zij ons vertelden. Wij laten alleen cijfers zien van grote groepen. Zo weet niemand wat één persoon heeft gezegd.`,
  none: 'Er staan nog geen resultaten op deze pagina. Kijk later nog eens.',
  improvementsLead: 'Wat hebben wij met uw antwoorden gedaan?',
  improvementsLink: 'Wat wij deden',
  backLead: 'Wilt u zien wat inwoners ons vertelden?',
  backLink: 'Wat u zei',
  tooFew: 'Te weinig antwoorden om iets te laten zien',
  responses: (n: number) => (n === 1 ? '1 inwoner gaf antwoord.' : `${n} inwoners gaven antwoord.`),
  grade: 'Rapportcijfer',
  gradeValue: (grade: string) => `Gemiddeld een ${grade}`,
  answered: 'Is uw vraag beantwoord?',
  answeredValue: (percent: string) => `${percent} zei ja`,
  heartLine: 'Hoe voelde u zich bij elke stap?',
  heartLineHint: 'De lijn laat het gemiddelde gevoel per stap zien. Boven de stippellijn is positief, eronder is negatief.',
  heartLineTitle: (journey: string, quarter: string) => `Gevoel per stap bij ${journey}, ${inSentence(quarter)}`,
  heartLineSummary: (steps: string[]) => `Gemiddeld gevoel per stap, van −2 (heel negatief) tot +2 (heel positief): ${steps.join('; ')}.`,
  table: {
    caption: (quarter: string) => `Gevoel per stap, ${inSentence(quarter)} (van −2 tot +2)`,
    step: 'Stap',
    feeling: 'Gevoel',
    meaning: 'Betekenis',
  },
  meaning: { positive: 'Positief', negative: 'Negatief', neutral: 'Niet duidelijk positief of negatief' },
} as const;
