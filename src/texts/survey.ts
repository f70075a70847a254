// The citizen's survey: the questions, the answers' feelings scale, the pages after sending, opting out.

export const feelingOptions = [
  { value: '-2', label: 'Zeer negatief' },
  { value: '-1', label: 'Negatief' },
  { value: '0', label: 'Neutraal' },
  { value: '1', label: 'Positief' },
  { value: '2', label: 'Zeer positief' },
  { value: 'nvt', label: 'Niet van toepassing' },
] as const;

export const survey = {
  title: (journeyName: string) => `Uw ervaring met: ${journeyName}`,
  intro: (organisation: string) =>
    `${organisation} wil graag weten hoe het ging. Het invullen kost ongeveer 2 minuten. U hoeft niet in te loggen.`,
  requiredNote: 'Vragen zonder "(niet verplicht)" moet u beantwoorden.',
  feelingQuestion: (stepName: string) => `Hoe voelde u zich bij de stap "${stepName}"?`,
  commentLabel: 'Wat kan er beter? (niet verplicht)',
  commentHint: 'Schrijf geen persoonlijke gegevens op, zoals uw telefoonnummer of BSN.',
  gradeQuestion: 'Welk cijfer geeft u ons voor deze dienst?',
  gradeHint: '1 is heel slecht. 10 is heel goed.',
  effortQuestion: 'Het was makkelijk om dit te regelen.',
  effortHint: '1 is helemaal mee oneens. 7 is helemaal mee eens.',
  submit: 'Versturen',
  stepPrefix: (step: number) => `Stap ${step}:`,
  errorSummaryTitle: 'Er ontbreekt nog iets',
  errorSummaryIntro: 'Kijk de vragen hieronder na:',
  errors: {
    feeling: 'Kies hoe u zich voelde, of kies "Niet van toepassing".',
    grade: 'Kies een cijfer van 1 tot en met 10.',
    effort: 'Kies een getal van 1 tot en met 7.',
    comment: 'Uw antwoord is te lang. Gebruik maximaal 2000 tekens.',
  },
  tooLargeTitle: 'Uw antwoorden zijn te lang',
  tooManyTitle: 'Even wachten',
  tooManyBody: 'Er zijn veel pogingen gedaan om deze vragenlijst te versturen. Wacht een paar minuten en probeer het dan opnieuw.',
  thanksTitle: 'Dank u wel!',
  thanksBody: 'Uw antwoorden zijn goed ontvangen. Wij gebruiken ze om onze dienstverlening te verbeteren.',
  alreadyAnsweredTitle: 'U heeft deze vragenlijst al ingevuld',
  alreadyAnsweredBody: 'Dank u wel. U kunt de vragenlijst maar één keer invullen. Wij hebben niets veranderd aan uw eerdere antwoorden.',
  expiredTitle: 'Deze vragenlijst is verlopen',
  expiredBody: 'De link in uw e-mail of brief werkt niet meer. U kunt de vragenlijst niet meer invullen. Dank u wel voor uw moeite.',
  notFoundTitle: 'Deze link werkt niet',
  notFoundBody: 'Wij kunnen deze vragenlijst niet vinden. Kijk of u de hele link uit de e-mail heeft gebruikt.',
  /** Below the not-found text: citizens with a letter type their code instead. */
  codeLink: 'Heeft u een brief met een code? Vul hier uw code in',
} as const;

export const optOut = {
  title: 'Afmelden voor vragenlijsten',
  question: (organisation: string) =>
    `Wilt u geen e-mails meer krijgen van ${organisation} met vragen over uw ervaring?`,
  explanation: 'Na het afmelden sturen wij geen vragenlijsten en herinneringen meer naar uw e-mailadres.',
  confirm: 'Ja, meld mij af',
  doneTitle: 'U bent afgemeld',
  doneBody: 'Wij sturen u geen vragenlijsten meer. U hoeft verder niets te doen.',
} as const;
