import type { AssistedMode, ResponseMode } from '../db/schema';

/** How a response was given, as staff read it on the dashboard and in the audit log. */
export const responseModeLabels = {
  email: 'E-mail',
  letter: 'Brief',
  telefoon: 'Telefoon',
  balie: 'Balie',
} as const satisfies Record<ResponseMode, string>;

/** /dashboard/afname: staff fill in the survey for a citizen on the phone or at the counter. */
export const assisted = {
  navLink: 'Vragenlijst afnemen',
  title: 'Vragenlijst afnemen',
  intro:
    'Vul de vragenlijst in voor een inwoner die belt of aan de balie staat. Typ de antwoorden zoals de inwoner ze zegt. U ziet en bewaart hier geen adres van de inwoner.',
  modeLegend: 'Hoe geeft de inwoner de antwoorden?',
  modes: { telefoon: 'Aan de telefoon', balie: 'Aan de balie' } as const satisfies Record<AssistedMode, string>,
  byCode: {
    title: 'Met de code uit de brief',
    intro:
      'De inwoner leest de code voor uit de brief, bijvoorbeeld K7QX-M2PD. Alleen uitnodigingen per brief hebben een code: wie een e-mail kreeg, vult de vragenlijst in via de link in die e-mail.',
    codeLabel: 'Code uit de brief',
    codeHint: '8 tekens; streepjes en spaties mogen.',
    submit: 'Open de vragenlijst',
  },
  forCase: {
    title: 'Voor een zaak zonder uitnodiging',
    intro: 'Heeft de inwoner geen brief met een code? Kies dan de klantreis, de stappen en wat u van de inwoner weet.',
    link: 'Start een vragenlijst voor een zaak',
    pageTitle: 'Vragenlijst starten voor een zaak',
    journeyLabel: 'Klantreis',
    chooseJourney: 'Kies deze klantreis',
    stepsLegend: 'Over welke stappen gaan de vragen?',
    segmentLegend: 'Wat weet u van de inwoner? (mag leeg blijven)',
    segmentUnknown: 'Onbekend',
    submit: 'Start de vragenlijst',
  },
  notice: 'U vult in namens de inwoner. Lees de vragen voor en typ de antwoorden zoals de inwoner ze zegt.',
  noticeMode: (mode: AssistedMode) => `Manier van invullen: ${responseModeLabels[mode].toLowerCase()}.`,
  documentLabel: 'Namens de inwoner',
  stored: (id: number) => `De antwoorden zijn opgeslagen (antwoord ${id}). Dank u wel.`,
  another: 'Nog een vragenlijst afnemen',
  errors: {
    code: 'Vul een code van 8 tekens in, zoals K7QX-M2PD.',
    unknown: 'Deze code kennen we niet. Vraag de inwoner de code nog eens voor te lezen.',
    answered: 'Deze vragenlijst is al ingevuld. Er kan maar één keer antwoord worden gegeven.',
    expired: 'Deze uitnodiging is verlopen. Start zo nodig een vragenlijst voor de zaak.',
    mode: 'Kies of de inwoner belt of aan de balie staat.',
    journey: 'Kies een klantreis.',
    steps: 'Kies minstens één stap.',
    segment: 'Kies een van de getoonde waarden.',
  },
} as const;
