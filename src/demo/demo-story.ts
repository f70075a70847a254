/**
 * The story the demo history tells, from Dutch municipal practice:
 * - passport: making an appointment was a dip (weeks of waiting) until an improvement about
 *   two fifths before today — more counter slots and an evening opening — after which it recovered;
 *   the counter visit itself goes well;
 * - moving house: mostly fine, but the confirmation takes long for older citizens, and the
 *   address investigation is hard on everyone;
 * - debt help: handing in documents is the deep dip (lists of papers, portals, no overview);
 *   the intake conversation is where people feel heard. Long lead times feel worse everywhere.
 * What the insight pages should find in it: per journey one step that moves the rapportcijfer
 * most (`gradeWeights`: the appointment, the confirmation, feeling heard at the intake), the
 * citizens' recurring words per dip (waiting, not hearing anything, piles of papers), and 65+
 * lagging at the moving confirmation.
 */

type Weighted<T> = readonly { weight: number; value: T }[];

interface Context {
  progress: number;
  ageBand: string;
  channel: string;
  leadDays: number;
}

export interface StoryJourney {
  slug: string;
  weight: number;
  ageBands: Weighted<string>;
  districts: Weighted<string>;
  channels: Weighted<string>;
  leadDays: { median: number; spread: number };
  pickSteps(random: () => number, slugs: string[]): string[];
  feelingAt(step: string, context: Context): number;
  commentFor(random: () => number, step: string, feeling: number): string | null;
  /** How much each step's feeling weighs in the rapportcijfer (1 when not named): the planted key driver. */
  gradeWeights: Record<string, number>;
  /**
   * The item bank's questions the journey asks in the demo (at a step when `step` is named), and
   * how each answer leans: `shift` moves it up or down from what the step's feeling suggests,
   * `gradeWeight` makes it weigh in the rapportcijfer (a planted item driver).
   */
  items: readonly { code: string; step?: string; shift?: number; gradeWeight?: number }[];
}

const districts: Weighted<string> = [
  { weight: 3, value: 'Centrum' },
  { weight: 4, value: 'Woensel-Noord' },
  { weight: 3, value: 'Woensel-Zuid' },
  { weight: 2, value: 'Strijp' },
  { weight: 2, value: 'Stratum' },
  { weight: 2, value: 'Gestel' },
  { weight: 2, value: 'Tongelre' },
];

/** The districts of the demo city, also for the demo's appointments: one set of values per segment key. */
export const demoDistricts = districts.map((district) => district.value);

const ageBands: Weighted<string> = [
  { weight: 3, value: '18-34' },
  { weight: 4, value: '35-64' },
  { weight: 2, value: '65+' },
];

/** Comments per step and tone; one in a few dozen mentions a phone number, which is masked. */
const comments: Record<string, { negative: string[]; positive: string[] }> = {
  'afspraak-maken': {
    negative: [
      'Pas over zes weken een afspraak, terwijl ik over vier weken op reis ga.',
      'Elke dag opnieuw kijken of er een plek vrijkwam. Dat kost veel tijd.',
      'De website liet geen enkele datum zien. Toen heb ik gebeld en moest ik lang wachten.',
      'Ik snap niet waarom het zo lang duurt om een afspraak te maken voor iets simpels.',
      'Bel me gerust terug op 06-12345678, want online lukte het niet.',
      'Drie weken wachten op een afspraak voor een paspoort. De wachttijd is veel te lang.',
      'Lang gewacht voordat er een afspraak vrij was.',
    ],
    positive: [
      'Binnen een week kon ik terecht, ook op een avond. Heel fijn.',
      'Afspraak maken ging snel en de bevestiging kwam meteen.',
      'Fijn dat er nu ook avondafspraken zijn.',
    ],
  },
  balie: {
    negative: ['Ik moest een kwartier wachten terwijl ik een afspraak had.', 'Mijn pasfoto werd afgekeurd en niemand had dat vooraf verteld.'],
    positive: [
      'De medewerker was vriendelijk en legde alles rustig uit.',
      'Binnen tien minuten stond ik weer buiten. Top!',
      'Heel prettig geholpen, ook met mijn vraag over de pasfoto.',
    ],
  },
  ophalen: {
    negative: ['Het document was nog niet klaar toen ik kwam ophalen.', 'Weer een afspraak nodig om op te halen, dat is onhandig.'],
    positive: ['Ophalen ging snel, zonder wachten.', 'Ik kreeg een sms dat het klaar lag, handig.'],
  },
  'informatie-zoeken': {
    negative: ['Ik kon niet vinden welke papieren ik nodig had.'],
    positive: ['Op de website stond precies wat ik moest doen.'],
  },
  'verhuizing-melden': {
    negative: ['Inloggen met DigiD lukte pas na drie keer proberen.', 'Het formulier vroeg dingen die de gemeente al weet.'],
    positive: ['In vijf minuten geregeld met DigiD.', 'Makkelijk formulier, duidelijke vragen.'],
  },
  bevestiging: {
    negative: [
      'Ik heb twee weken niets gehoord en wist niet of het gelukt was.',
      'De brief kwam pas na drie weken. Mijn moeder van 80 was ongerust.',
      'Na het doorgeven heb ik niets meer gehoord. Geen bevestiging, niets.',
      'Ik moest zelf bellen om te horen of mijn verhuizing goed was doorgegeven.',
    ],
    positive: ['Ik kreeg snel een bevestiging per mail.'],
  },
  adresonderzoek: {
    negative: ['Het voelde alsof ik verdacht werd van fraude.', 'Niemand legde uit waarom er onderzoek nodig was.'],
    positive: ['De medewerker legde goed uit waarom ze het vroegen.'],
  },
  aanmelden: {
    negative: ['Ik moest drie keer mijn verhaal doen voordat ik bij de goede persoon was.'],
    positive: ['Ik werd meteen serieus genomen toen ik belde. Dat was een opluchting.', 'Binnen twee dagen werd ik teruggebeld.'],
  },
  'documenten-aanleveren': {
    negative: [
      'Een lijst van twintig papieren, en ik wist niet waar ik moest beginnen.',
      'Het uploaden werkte niet op mijn telefoon. Ik heb geen computer.',
      'Ik moest dingen aanleveren die ik al eerder had gestuurd.',
      'Ik schaam me al, en dan nog zoveel formulieren. Ik ben bijna gestopt.',
      'Niemand kon vertellen wat er nog ontbrak. Bel mij: 0612345678.',
      'Steeds weer nieuwe papieren opvragen. Ik raakte het overzicht kwijt.',
    ],
    positive: ['Mijn consulent hielp me de papieren bij elkaar te zoeken.'],
  },
  intakegesprek: {
    negative: ['Het gesprek was kort en ik had het gevoel dat er niet echt geluisterd werd.'],
    positive: [
      'Eindelijk iemand die echt luisterde. Ik voelde me geen nummer.',
      'De consulent dacht met me mee en gaf me weer wat hoop.',
      'Fijn gesprek, zonder oordeel.',
    ],
  },
  'plan-van-aanpak': {
    negative: ['Het plan was vol moeilijke woorden.'],
    positive: ['Duidelijk plan met kleine stappen, dat gaf rust.'],
  },
  besluit: {
    negative: ['Het besluit duurde veel langer dan beloofd.', 'De brief was moeilijk te begrijpen.'],
    positive: ['Het besluit kwam op tijd en was duidelijk uitgelegd.'],
  },
};

function commentFor(random: () => number, step: string, feeling: number): string | null {
  const bank = comments[step];
  if (!bank || feeling === 0) return null;
  const list = feeling < 0 ? bank.negative : bank.positive;
  return list[Math.floor(random() * list.length)] ?? null;
}

/** Longer cases feel worse: −0.15 per doubling of the lead time beyond two weeks. */
const leadPenalty = (days: number) => (days > 14 ? -0.15 * Math.log2(days / 14) : 0);

export const demoStory: StoryJourney[] = [
  {
    slug: 'paspoort-aanvragen',
    weight: 5,
    ageBands,
    districts,
    channels: [
      { weight: 8, value: 'balie' },
      { weight: 1, value: 'web' },
    ],
    leadDays: { median: 12, spread: 0.4 },
    pickSteps: (random, slugs) => slugs.filter((slug) => slug !== 'ophalen' || random() < 0.9),
    feelingAt(step, context) {
      const base: Record<string, number> = { 'afspraak-maken': 0.5, balie: 1.1, ophalen: 0.7 };
      let mean = base[step] ?? 0;
      // The dip before the improvement: more counter slots and evening openings from 60% on.
      if (step === 'afspraak-maken' && context.progress < 0.6) mean = -0.9;
      if (step === 'afspraak-maken' && context.ageBand === '65+') mean -= 0.3;
      return mean + leadPenalty(context.leadDays);
    },
    commentFor,
    gradeWeights: { 'afspraak-maken': 4 },
    items: [
      { code: 'MH-BEANTWOORD', shift: 0.3 },
      { code: 'BP-WACHTTIJD', step: 'afspraak-maken' },
      { code: 'BP-BEJEGENING', step: 'balie', shift: 0.4 },
    ],
  },
  {
    slug: 'verhuizing-doorgeven',
    weight: 3.5,
    ageBands,
    districts,
    channels: [
      { weight: 7, value: 'web' },
      { weight: 2, value: 'balie' },
      { weight: 1, value: 'post' },
    ],
    leadDays: { median: 6, spread: 0.6 },
    pickSteps: (random, slugs) =>
      slugs.filter((slug) => (slug === 'informatie-zoeken' ? random() < 0.4 : slug === 'adresonderzoek' ? random() < 0.12 : true)),
    feelingAt(step, context) {
      const base: Record<string, number> = { 'informatie-zoeken': 0.3, 'verhuizing-melden': 0.8, bevestiging: 0.2, adresonderzoek: -0.8 };
      let mean = base[step] ?? 0;
      if (step === 'bevestiging' && context.ageBand === '65+') mean -= 0.9;
      if (step === 'verhuizing-melden' && context.channel === 'post') mean -= 0.6;
      return mean + leadPenalty(context.leadDays);
    },
    commentFor,
    gradeWeights: { bevestiging: 4 },
    // The information on the website leaves questions open: "deels" and "nee" are common.
    items: [
      { code: 'MH-BEANTWOORD', shift: -0.6 },
      { code: 'BP-INFORMATIE', step: 'informatie-zoeken', shift: -0.3 },
    ],
  },
  {
    slug: 'schuldhulp-aanvragen',
    weight: 1.5,
    ageBands: [
      { weight: 4, value: '18-34' },
      { weight: 5, value: '35-64' },
      { weight: 1, value: '65+' },
    ],
    districts,
    channels: [
      { weight: 5, value: 'telefoon' },
      { weight: 3, value: 'web' },
      { weight: 2, value: 'balie' },
    ],
    leadDays: { median: 45, spread: 0.5 },
    pickSteps: (_random, slugs) => slugs,
    feelingAt(step, context) {
      const base: Record<string, number> = { aanmelden: 0.2, 'documenten-aanleveren': -1.1, intakegesprek: 1.0, 'plan-van-aanpak': 0.5, besluit: -0.1 };
      let mean = base[step] ?? 0;
      if (step === 'documenten-aanleveren' && context.ageBand === '65+') mean -= 0.3;
      return mean + leadPenalty(context.leadDays);
    },
    commentFor,
    gradeWeights: { intakegesprek: 4 },
    // Feeling taken seriously weighs heavily in the grade: the human driver the meethuis speaks of.
    items: [
      { code: 'MH-SERIEUS', gradeWeight: 1.6 },
      { code: 'MH-MEEDENKEN', step: 'intakegesprek', shift: 0.3 },
      { code: 'MH-VERTROUWEN', shift: -0.4 },
    ],
  },
];
