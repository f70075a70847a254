// Key drivers: "Wat bepaalt het cijfer?" (the page /dashboard/drijfveren and its dashboard panel).

export const drivers = {
  title: 'Wat bepaalt het cijfer?',
  navLink: 'Wat bepaalt het cijfer?',
  intro:
    'Welke stappen hangen het sterkst samen met het rapportcijfer? Per stap ziet u welk deel van de verschillen in het cijfer samengaat met hoe inwoners zich bij die stap voelden, en hoe goed die stap nu gaat.',
  association:
    'Let op: dit is samenhang, geen bewijs. Een stap die sterk samenhangt met het cijfer is een goede plek om te beginnen. Of verbeteren daar het cijfer echt hoger maakt, ziet u pas aan de metingen na de verbetering.',
  summary: (explained: string, r2: string, responses: string) =>
    `Samen hangen de stappen samen met ${explained} van de verschillen in het rapportcijfer (R² = ${r2}), berekend uit ${responses} antwoorden.`,
  top: (step: string, share: string) => `Het sterkst hangt de stap ${step} samen met het cijfer: ${share} van de verschillen.`,
  priorityTitle: 'Hier eerst verbeteren',
  priorityIntro: 'Belangrijk én laag: deze stappen hangen meer dan gemiddeld samen met het cijfer, en inwoners voelden zich er slechter dan gemiddeld.',
  priorityItem: (step: string, share: string, feeling: string) => `${step}: ${share} van de verschillen in het cijfer, gemiddeld gevoel ${feeling}.`,
  priorityNone: 'Geen stap is in deze periode zowel belangrijker dan gemiddeld als lager dan gemiddeld beoordeeld.',
  quadrantRule: (share: string, feeling: string) =>
    `Belangrijk betekent hier: een aandeel boven het gemiddelde aandeel per stap (${share}). Laag betekent: een gemiddeld gevoel onder het gemiddelde van de stappen in het model (${feeling}).`,
  caption: 'Belang en gevoel per stap',
  tableTitle: 'De cijfers per stap',
  columns: {
    step: 'Stap',
    rank: 'Rang',
    share: 'Aandeel in het cijfer',
    interval: '95%-interval',
    feeling: 'Gemiddeld gevoel',
    feelings: 'Gevoelens (n)',
    notApplicable: 'Niet van toepassing',
    assessment: 'Beoordeling',
  },
  quadrants: {
    priority: 'belangrijk én laag: hier eerst verbeteren',
    keep: 'belangrijk en goed: vasthouden',
    low: 'minder belangrijk, laag',
    fine: 'minder belangrijk, goed',
  },
  // Keyed by StepExclusion and ModelWithheld (src/insight/drivers-model.ts); the view checks that every reason has its words.
  excluded: {
    'too-few-feelings': (min: number) => `niet in het model: minder dan ${min} inwoners gaven hier een gevoel`,
    'no-variation': () => 'niet in het model: iedereen gaf hier hetzelfde gevoel',
    'too-few-together': (min: number) => `niet in het model: minder dan ${min} inwoners beantwoordden deze stap samen met een andere stap`,
    'too-many-steps': () => 'niet in het model: te veel stappen; de stappen met de meeste antwoorden tellen mee',
  },
  withheld: {
    'too-few-responses': (min: number, responses: string) =>
      `Niet getoond: ${responses} antwoorden in deze periode, minder dan ${min}. Zo blijft niemand herkenbaar en rust geen uitkomst op een handvol antwoorden.`,
    'no-grade-variation': () => 'Niet getoond: iedereen gaf hetzelfde rapportcijfer, dus er valt niets te verklaren.',
    'no-steps': (min: number) => `Niet getoond: geen enkele stap heeft ${min} of meer gevoelens om mee te rekenen.`,
    'not-computable': () => 'Niet getoond: met deze antwoorden is het model niet te berekenen.',
  },
  chartLabel: (journey: string) =>
    `Belang tegen gevoel per stap van ${journey}: rechts hangt een stap sterker samen met het cijfer, lager voelden inwoners zich slechter. De tabel hieronder bevat dezelfde cijfers.`,
  chart: {
    share: 'Deel van de verschillen in het cijfer (%)',
    feeling: 'Gemiddeld gevoel (−2 tot +2)',
    priority: 'Hier eerst verbeteren',
    other: 'Overige stappen',
    meanShare: 'Gemiddeld belang',
    meanFeeling: 'Gemiddeld gevoel',
  },
  methodTitle: 'Hoe we dit berekenen',
  method: {
    lmg: 'Het deel per stap is de verdeling van R² volgens Lindeman, Merenda en Gold (LMG, ook wel Shapley-waarde): wat een stap toevoegt aan de verklaarde verschillen in het cijfer, gemiddeld over alle volgordes waarin de stappen in de berekening kunnen komen. De delen tellen op tot R².',
    missing:
      'Niet van toepassing en niet gevraagd: koos een inwoner bij een stap "niet van toepassing", of kreeg hij die stap niet, dan telt hij voor die stap niet mee. Elke samenhang tussen twee vragen berekenen we met de inwoners die op allebei een antwoord gaven (paarsgewijs weglaten). We vullen niets zelf in.',
    minimum: (min: number) =>
      `Een stap waar minder dan ${min} inwoners een gevoel gaven, laten we buiten de berekening; dat staat dan in de tabel. Het hele overzicht tonen we pas vanaf ${min} antwoorden.`,
    interval:
      'Het 95%-interval komt uit 200 keer opnieuw trekken van dagen uit de periode (een bootstrap over dagen). Overlappen de intervallen van twee stappen, dan is hun volgorde niet zeker.',
    noIntervals: (days: number) => `Er staan geen intervallen bij: er zijn maar ${days} dagen met antwoorden, te weinig om dagen opnieuw te trekken.`,
    repaired:
      'De samenhangen komen uit verschillende groepen inwoners en pasten niet helemaal bij elkaar. We hebben ze zo weinig mogelijk bijgesteld, zodat de berekening kan.',
    association: 'Samenhang is geen oorzaak: een stap kan samengaan met het cijfer omdat iets anders beide beïnvloedt.',
  },
  panelLink: 'Meer over wat het cijfer bepaalt: grafiek en uitleg',
} as const;
