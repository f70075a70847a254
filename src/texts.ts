/**
 * Every text citizens and staff read, in one place so it can be reviewed (taalniveau B1 for
 * citizens) and translated.
 */
export const nl = {
  siteName: 'meethuis',
  skipLink: 'Direct naar de hoofdinhoud',
  footer: {
    privacy: 'Privacyverklaring',
    accessibility: 'Toegankelijkheid',
  },
  feelingOptions: [
    { value: '-2', label: 'Zeer negatief' },
    { value: '-1', label: 'Negatief' },
    { value: '0', label: 'Neutraal' },
    { value: '1', label: 'Positief' },
    { value: '2', label: 'Zeer positief' },
    { value: 'nvt', label: 'Niet van toepassing' },
  ],
  survey: {
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
    expiredBody: 'De link in uw e-mail werkt niet meer. U kunt de vragenlijst niet meer invullen. Dank u wel voor uw moeite.',
    notFoundTitle: 'Deze link werkt niet',
    notFoundBody: 'Wij kunnen deze vragenlijst niet vinden. Kijk of u de hele link uit de e-mail heeft gebruikt.',
  },
  optOut: {
    title: 'Afmelden voor vragenlijsten',
    question: (organisation: string) =>
      `Wilt u geen e-mails meer krijgen van ${organisation} met vragen over uw ervaring?`,
    explanation: 'Na het afmelden sturen wij geen vragenlijsten en herinneringen meer naar uw e-mailadres.',
    confirm: 'Ja, meld mij af',
    doneTitle: 'U bent afgemeld',
    doneBody: 'Wij sturen u geen vragenlijsten meer. U hoeft verder niets te doen.',
  },
  mail: {
    invitationSubject: (journeyName: string, organisation: string) =>
      `Hoe was uw ervaring? ${journeyName} – ${organisation}`,
    reminderSubject: (journeyName: string, organisation: string) =>
      `Herinnering: hoe was uw ervaring? ${journeyName} – ${organisation}`,
    greeting: 'Beste inwoner,',
    invitationIntro: (journeyName: string, organisation: string) =>
      `U had onlangs contact met ${organisation} over: ${journeyName}. Wij willen graag weten hoe dat voor u was.`,
    reminderIntro: (journeyName: string, organisation: string) =>
      `Een paar dagen geleden vroegen wij u naar uw ervaring met ${organisation} over: ${journeyName}. Heeft u nog even tijd?`,
    effort: (stepCount: number) =>
      `Het gaat om ${stepCount === 1 ? '1 stap' : `${stepCount} stappen`} en een paar korte vragen. Het kost ongeveer 2 minuten.`,
    callToAction: 'Vul de vragenlijst in',
    validUntil: (date: string) => `De link werkt tot en met ${date}. U hoeft niet in te loggen.`,
    purpose: 'Uw antwoorden gebruiken wij alleen om onze dienstverlening beter te maken.',
    optOut: 'Wilt u geen vragenlijsten meer van ons krijgen? Meld u af:',
    closing: 'Met vriendelijke groet,',
  },
  mailbox: {
    title: 'Ingebouwde mailbox',
    intro:
      'Er is geen SMTP-server ingesteld. Daarom worden alle e-mails hier bewaard in plaats van verstuurd. Stel SMTP_URL in om echt te versturen.',
    empty: 'Er zijn nog geen e-mails.',
    columns: { sentAt: 'Tijd', to: 'Aan', subject: 'Onderwerp', status: 'Status' },
    back: 'Terug naar de mailbox',
    htmlVersion: 'HTML-versie van deze e-mail',
    textVersion: 'Tekstversie',
    statuses: { queued: 'wacht', sent: 'verstuurd', failed: 'mislukt', cancelled: 'geannuleerd' },
  },
  errors: {
    notFoundTitle: 'Pagina niet gevonden',
    notFoundBody: 'Deze pagina bestaat niet.',
    forbiddenTitle: 'Geen toegang',
    forbiddenBody: 'U heeft geen toegang tot deze pagina.',
    crossSite: 'Dit verzoek kwam van een andere website en is daarom geweigerd. Ga terug en probeer het opnieuw vanaf deze website.',
    unauthorizedTitle: 'Niet ingelogd',
    unauthorizedBody: 'Log eerst in om dit te doen.',
    serverErrorTitle: 'Er ging iets mis',
    serverErrorBody: 'Er ging bij ons iets mis. Probeer het later nog eens.',
  },
  statements: {
    privacyTitle: 'Privacyverklaring vragenlijsten',
    privacy: (organisation: string, rules: { expiryDays: number; fatigueDays: number }) => [
      {
        heading: 'Waarom wij u vragen stellen',
        body: `${organisation} wil weten hoe inwoners het contact met de gemeente ervaren. Daarom sturen wij u na afloop van uw zaak of afspraak soms een korte vragenlijst. Met uw antwoorden maken wij onze dienstverlening beter.`,
      },
      {
        heading: 'Welke gegevens wij gebruiken',
        body: 'Wij gebruiken uw e-mailadres om u de vragenlijst te sturen. Uw antwoorden bewaren wij los van uw e-mailadres. Zodra u de vragenlijst heeft ingevuld, wissen wij uw e-mailadres bij de uitnodiging.',
      },
      {
        heading: 'Grondslag',
        body: 'Wij doen dit om onze publieke taak goed uit te voeren: goede dienstverlening aan inwoners (artikel 6, lid 1, onder e AVG).',
      },
      {
        heading: 'Hoe lang wij gegevens bewaren',
        body: `Een uitnodiging is ${rules.expiryDays} dagen geldig. Daarna kunt u de vragenlijst niet meer invullen. Antwoorden bewaren wij niet langer dan nodig is om onze dienstverlening te verbeteren.`,
      },
      {
        heading: 'Geen vragenlijsten meer krijgen',
        body: `Onder elke e-mail staat een link om u af te melden. Daarna sturen wij u geen vragenlijsten meer. Wij sturen u ook nooit vaker dan één keer per ${rules.fatigueDays} dagen een vragenlijst.`,
      },
      {
        heading: 'Uw rechten',
        body: `U mag vragen welke gegevens ${organisation} over u heeft. U mag ook vragen om ze te verbeteren of te wissen. Neem daarvoor contact op met ${organisation}. Bent u het niet eens met hoe wij met uw gegevens omgaan? Dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.`,
      },
    ],
    accessibilityTitle: 'Toegankelijkheid',
    accessibility: (organisation: string) => [
      {
        heading: 'Voor iedereen te gebruiken',
        body: `${organisation} wil dat iedereen de vragenlijsten kan invullen, ook met een schermlezer, alleen met het toetsenbord of op een telefoon. De pagina's werken zonder JavaScript.`,
      },
      {
        heading: 'Welke eisen wij volgen',
        body: 'Wij bouwen deze pagina’s volgens de toegankelijkheidseisen WCAG 2.1 niveau A en AA (EN 301 549). Bij elke wijziging controleren wij de pagina’s automatisch in een echte browser.',
      },
      {
        heading: 'Werkt iets niet?',
        body: `Loopt u tegen een probleem aan? Laat het ${organisation} weten. Dan zoeken wij samen met u naar een oplossing.`,
      },
    ],
  },
  roles: { admin: 'Beheerder', manager: 'Manager', researcher: 'Onderzoeker' },
  staffNav: {
    label: 'Hoofdmenu',
    dashboard: 'Dashboard',
    panel: 'Panel',
    admin: 'Beheer',
    account: 'Mijn account',
    logout: 'Uitloggen',
  },
  auth: {
    loginTitle: 'Inloggen',
    loginIntro: 'Log in met uw persoonlijke account.',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    login: 'Inloggen',
    wrongCredentials: 'Het e-mailadres of het wachtwoord klopt niet.',
    fieldRequired: (label: string) => `Vul uw ${label.toLowerCase()} in.`,
    lockedOut: (minutes: number) =>
      `Te veel mislukte pogingen. Probeer het over ${minutes === 1 ? '1 minuut' : `${minutes} minuten`} opnieuw.`,
    tooManyRequests: 'Te veel verzoeken in korte tijd. Wacht even en probeer het opnieuw.',
    loggedOut: 'U bent uitgelogd.',
    sessionExpired: 'U was te lang niet actief. Log opnieuw in.',
    codeTitle: 'Controlecode',
    codeIntro: 'Vul de 6 cijfers in uit uw authenticator-app. Heeft u uw telefoon niet bij de hand? Vul dan een van uw herstelcodes in.',
    code: 'Code',
    verify: 'Controleren',
    wrongCode: 'Deze code klopt niet. Controleer de tijd op uw telefoon of gebruik een herstelcode.',
    setupTitleFirstAdmin: 'Eerste beheerder aanmaken',
    setupIntroFirstAdmin: 'Er is nog geen beheerder. Maak hier het account van de eerste beheerder aan. Deze link werkt één keer.',
    setupTitlePassword: 'Kies uw wachtwoord',
    setupIntroPassword: (email: string) => `Kies een wachtwoord voor het account ${email}. Deze link werkt één keer.`,
    newPassword: 'Nieuw wachtwoord',
    newPasswordHint: (min: number) => `Minimaal ${min} tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden.`,
    repeatPassword: 'Herhaal het wachtwoord',
    passwordsDiffer: 'De twee wachtwoorden zijn niet gelijk.',
    createAccount: 'Account aanmaken',
    savePassword: 'Wachtwoord opslaan',
    invalidEmail: 'Vul een geldig e-mailadres in, zoals naam@gemeente.nl.',
    setupLinkInvalidTitle: 'Deze link werkt niet (meer)',
    setupLinkInvalidBody: 'De link is verlopen, al gebruikt, of er is al een beheerder. Vraag een beheerder om een nieuwe link.',
    passwordTooShort: (min: number) => `Het wachtwoord moet minimaal ${min} tekens hebben.`,
    passwordTooLong: (max: number) => `Het wachtwoord mag maximaal ${max} tekens hebben.`,
    passwordCommon: 'Dit wachtwoord komt te veel voor en is makkelijk te raden. Kies een ander wachtwoord.',
    passwordContainsEmail: 'Het wachtwoord mag uw e-mailadres niet bevatten.',
    currentPassword: 'Huidig wachtwoord',
    wrongCurrentPassword: 'Uw huidige wachtwoord klopt niet.',
    passwordChanged: 'Uw wachtwoord is gewijzigd. U bent op uw andere apparaten uitgelogd.',
  },
  account: {
    title: 'Mijn account',
    role: 'Rol',
    twoFactorTitle: 'Tweestapsverificatie',
    twoFactorOn: (date: string) => `Aan sinds ${date}.`,
    twoFactorOff: 'Uit. Met tweestapsverificatie is uw account veel beter beveiligd.',
    twoFactorRequired: 'Voor uw account is tweestapsverificatie verplicht. Stel het eerst in.',
    enrolStart: 'Tweestapsverificatie instellen',
    enrolTitle: 'Tweestapsverificatie instellen',
    enrolStep1: 'Open een authenticator-app op uw telefoon (bijvoorbeeld Google Authenticator, Microsoft Authenticator of FreeOTP) en scan deze QR-code.',
    enrolQrAlt: 'QR-code voor uw authenticator-app',
    enrolSecret: 'Kunt u niet scannen? Voer dan deze sleutel in:',
    enrolStep2: 'Vul daarna de 6 cijfers in die de app laat zien.',
    enrolConfirm: 'Bevestigen',
    recoveryTitle: 'Uw herstelcodes',
    recoveryIntro:
      'Bewaar deze codes op een veilige plek. Elke code werkt één keer, als u uw telefoon kwijt bent. U ziet ze maar één keer.',
    recoveryDone: 'Ik heb de codes bewaard',
    recoveryLeft: (count: number) => `U heeft nog ${count} ongebruikte herstelcodes.`,
    newRecoveryCodes: 'Nieuwe herstelcodes maken',
    sessionsTitle: 'Ingelogd',
    sessionCount: (count: number) => (count === 1 ? 'U bent op 1 apparaat ingelogd.' : `U bent op ${count} apparaten ingelogd.`),
    twoFactorEnabled: 'Tweestapsverificatie staat aan. Bewaar uw herstelcodes goed.',
    logoutEverywhere: 'Overal uitloggen',
    logoutEverywhereHint: 'Hiermee logt u uit op alle apparaten waar u bent ingelogd, ook op dit apparaat.',
    changePasswordTitle: 'Wachtwoord wijzigen',
  },
  home: {
    title: 'meethuis',
    intro: 'meethuis vraagt inwoners na afloop van hun zaak hoe elke stap voelde, zodat de gemeente kan zien waar het beter kan.',
  },
} as const;

// Formatters are costly to build (about 0.3 ms each): build them once.
const longDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

/** Dutch long date, e.g. "22 december 2026", in the municipality's time zone. */
export function formatDate(date: Date): string {
  return longDate.format(date);
}

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}
