import type { ItemScale } from '../db/schema';

// The journey designer's items: questions from the item bank and own closed questions per journey.

/** "2 minuten en 10 seconden" from seconds, rounded to 10 seconds (an estimate). */
function duration(seconds: number): string {
  const rounded = Math.round(seconds / 10) * 10;
  const minutes = Math.floor(rounded / 60);
  const rest = rounded % 60;
  const parts = [minutes > 0 ? (minutes === 1 ? '1 minuut' : `${minutes} minuten`) : '', rest > 0 ? `${rest} seconden` : ''].filter(Boolean);
  return parts.join(' en ') || 'minder dan 10 seconden';
}

export const itemDesigner = {
  title: 'Vragen uit de vragenbank',
  intro:
    'Naast het gevoel per stap, het rapportcijfer en de moeite kunt u vaste vragen met een code uit de vragenbank stellen. Met die codes kunt u vergelijken met andere jaren, andere gemeenten en landelijke cijfers.',
  askedCaption: (journey: string) => `Vragen die de klantreis ${journey} nu stelt`,
  askedNone: 'Deze klantreis stelt nog geen vragen uit de vragenbank.',
  removeKeepsAnswers: 'Niet meer vragen: de vraag verdwijnt uit nieuwe vragenlijsten. De antwoorden blijven bewaard en staan nog in de export over de periode waarin de vraag gesteld werd.',
  columns: { question: 'Vraag', scale: 'Antwoorden', level: 'Wanneer', actions: 'Acties' },
  wholeJourney: 'Eén keer, over de hele klantreis',
  atStep: (step: string) => `Bij de stap ${step}`,
  atArchivedStep: (step: string) => `Bij de stap ${step} (gearchiveerd: niet gevraagd zolang de stap gearchiveerd is)`,
  moveUp: 'Omhoog',
  moveDown: 'Omlaag',
  remove: 'Niet meer vragen',
  forItem: (code: string, level: string) => ` (${code}, ${level.toLowerCase()})`,
  scales: {
    'ja-deels-nee': 'Ja, deels of nee',
    'eens-1-5': 'Mee eens of oneens (1–5)',
    'cijfer-1-10': 'Cijfer van 1 tot 10',
    keuze: 'Eén keuze uit een lijst',
  } as const satisfies Record<ItemScale, string>,
  availableTitle: 'Vragen toevoegen',
  availableIntro: 'Met Toevoegen stelt u de vraag één keer, over de hele klantreis. Sommige vragen kunt u ook bij één stap stellen, bijvoorbeeld over de bejegening aan de balie.',
  availableCaption: 'Vragen uit de vragenbank die u kunt toevoegen',
  availableNone: 'Alle vragen uit de vragenbank worden al gesteld.',
  availableColumns: { question: 'Vraag', scale: 'Antwoorden', actions: 'Toevoegen' },
  source: (source: string) => `Bron: ${source}`,
  alsoAskedAt: (steps: string[]) => `Nu al gevraagd bij: ${steps.join(', ')}.`,
  add: 'Toevoegen',
  addItem: (code: string) => ` (${code}, over de hele klantreis)`,
  atStepSummary: 'Bij een stap vragen',
  stepLabel: 'Stap',
  addAtStep: 'Bij deze stap toevoegen',
  addAtStepItem: (code: string) => ` (${code})`,
  duration: {
    title: 'Hoe lang duurt de vragenlijst?',
    estimate: (seconds: number, steps: number, items: number) =>
      `Een inwoner is naar schatting ${duration(seconds)} bezig met de vragenlijst: ${steps === 1 ? '1 stap' : `${steps} stappen`} die standaard gevraagd worden, het rapportcijfer, de moeite en ${items === 1 ? '1 vraag' : `${items} vragen`} uit de vragenbank of eigen vragen.`,
    tooLong: (max: number) =>
      `Let op: de vragenlijst duurt langer dan ${duration(max)}. Lange vragenlijsten worden minder vaak afgemaakt. Vraag minder of kies minder stappen die standaard gevraagd worden.`,
  },
  own: {
    title: 'Eigen vraag toevoegen',
    intro:
      'U kunt een eigen gesloten vraag stellen, één keer over de hele klantreis: met één keuze uit een lijst, of mee eens of oneens (1–5). Een eigen vraag verandert niet meer na het toevoegen; voor een andere vraag maakt u een nieuwe code.',
    noOpen:
      'Open vragen kunnen niet: zo komen er geen persoonsgegevens in de antwoorden. De enige open vraag is "Wat kan er beter?" bij elke stap.',
    code: 'Code',
    codeHint: 'Hoofdletters, cijfers en streepjes, 3 tot 32 tekens, bijvoorbeeld EIGEN-PARKEREN. Niet beginnend met MH- of BP- (die zijn van de vragenbank).',
    scale: 'Soort antwoord',
    scaleChoose: 'Kies een soort antwoord',
    scaleOptions: { keuze: 'Eén keuze uit een lijst', 'eens-1-5': 'Mee eens of oneens (1–5)' },
    questionNl: 'Vraag in het Nederlands',
    questionNlHint: 'In eenvoudige taal (B1), hoogstens 200 tekens.',
    questionEn: 'Vraag in het Engels (niet verplicht)',
    optionsNl: 'Keuzes in het Nederlands',
    optionsNlHint: 'Alleen bij één keuze uit een lijst: één keuze per regel, 2 tot 8 keuzes.',
    optionsEn: 'Keuzes in het Engels (niet verplicht)',
    optionsEnHint: 'Eén per regel, in dezelfde volgorde en even veel als in het Nederlands.',
    submit: 'Eigen vraag toevoegen',
  },
  errors: {
    unknownItem: 'Deze vraag bestaat niet in de vragenbank of hoort niet bij deze klantreis.',
    wrongLevel: 'Deze vraag kan niet op deze manier gesteld worden (over de hele klantreis of bij een stap).',
    unknownStep: 'Kies een stap van deze klantreis die nog gevraagd wordt.',
    alreadyAsked: 'Deze vraag wordt daar al gesteld.',
    notAsked: 'Deze vraag wordt niet (meer) gesteld bij deze klantreis.',
    cannotMove: 'Deze vraag kan die kant niet op.',
    direction: 'Kies omhoog of omlaag.',
    codeRequired: 'Vul een code in.',
    codeFormat: 'Gebruik hoofdletters, cijfers en streepjes, 3 tot 32 tekens, bijvoorbeeld EIGEN-PARKEREN.',
    codeReserved: 'Codes die beginnen met MH- of BP- zijn van de vragenbank. Kies een andere code.',
    codeTaken: (code: string) => `De code ${code} is al in gebruik. Kies een andere code.`,
    scale: 'Kies een soort antwoord.',
    questionRequired: 'Vul de vraag in het Nederlands in.',
    tooLong: (max: number) => `Gebruik hoogstens ${max} tekens.`,
    optionsCount: (min: number, max: number) => `Geef ${min} tot ${max} keuzes, één per regel.`,
    optionTooLong: (max: number) => `Een keuze heeft hoogstens ${max} tekens.`,
    optionTwice: (option: string) => `De keuze "${option}" staat er twee keer in.`,
    optionsEnCount: (count: number) => `Geef in het Engels even veel keuzes als in het Nederlands (${count}), of laat dit veld leeg.`,
    importCodeTaken: (code: string, journey: string) => `items: de code ${code} hoort al bij een andere klantreis (${journey}).`,
    importUnknown: (code: string) => `items: de code ${code} staat niet in de vragenbank en is geen eigen vraag van deze klantreis; geef de eigen vraag mee met "own".`,
    importWrongLevel: (code: string) => `items: de vraag ${code} kan niet op deze manier gesteld worden (over de hele klantreis of bij een stap).`,
    importOwnIsBank: (code: string) => `de code ${code} is van de vragenbank: geef geen eigen vraag ("own") mee`,
    importStepUnknown: (slug: string) => `stap "${slug}" staat niet in deze klantreis`,
    importTwice: (code: string) => `de vraag ${code} staat er twee keer in op dezelfde plek`,
  },
  notices: {
    'item-added': 'De vraag is toegevoegd.',
    'item-removed': 'De vraag wordt niet meer gesteld. De antwoorden blijven bewaard.',
    'item-moved': 'De volgorde van de vragen is aangepast.',
    'own-item-added': 'De eigen vraag is toegevoegd.',
  },
  publicResults: 'Resultaten openbaar tonen op /resultaten',
  publicResultsHint:
    'Alleen totalen per kwartaal (hartlijn, rapportcijfer, hoe vaak de vraag beantwoord is), en alleen als genoeg inwoners hebben geantwoord (de minimale groepsgrootte). Nooit wat inwoners zelf schreven.',
} as const;
