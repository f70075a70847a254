import type { bounceKinds, mailKinds, mailStatuses } from '../db/schema';

// The built-in mailbox and the outbox admin page (the survey mails' words are in src/texts/citizen/).

export const mailbox = {
  title: 'Ingebouwde mailbox',
  intro:
    'Er is geen SMTP-server ingesteld. Daarom worden alle e-mails hier bewaard in plaats van verstuurd. Stel SMTP_URL in om echt te versturen.',
  empty: 'Er zijn nog geen e-mails.',
  noMatch: 'Geen e-mails gevonden met deze filters.',
  showAll: 'Toon alle e-mails',
  filterTitle: 'Zoeken',
  kind: 'Soort e-mail',
  allKinds: 'Alle soorten',
  search: 'Ontvanger of onderwerp',
  apply: 'Toon',
  errorKind: 'Kies een soort e-mail uit de lijst.',
  errorSearch: (max: number) => `Zoek met hoogstens ${max} tekens.`,
  errorPage: 'Dit paginanummer bestaat niet. Begin bij pagina 1.',
  caption: (first: string, last: string, total: string) => `${first}–${last} van ${total} e-mails, nieuwste eerst`,
  paginationLabel: 'Bladeren door de mailbox',
  previous: 'Vorige',
  next: 'Volgende',
  page: (page: string, pages: string) => `Pagina ${page} van ${pages}`,
  columns: { sentAt: 'Tijd', kind: 'Soort', to: 'Aan', subject: 'Onderwerp', status: 'Status', mail: 'E-mail', kindStatus: 'Soort en status' },
  to: (address: string) => `Aan ${address}`,
  erased: 'Adres gewist',
  back: 'Terug naar de mailbox',
  htmlVersion: 'HTML-versie van deze e-mail',
  textVersion: 'Tekstversie',
  statuses: { queued: 'wacht', sent: 'verstuurd', failed: 'mislukt', cancelled: 'geannuleerd' } as const satisfies Record<(typeof mailStatuses)[number], string>,
} as const;

export const outboxAdmin = {
  title: 'Uitgaande mail',
  overviewHint: (waiting: number, failed: number) =>
    `${waiting === 1 ? '1 e-mail wacht' : `${waiting} e-mails wachten`} op verzending, ${failed} mislukt.`,
  intro:
    'Elke e-mail gaat eerst in de wachtrij (de outbox) en wordt daarna verstuurd. Lukt versturen niet, dan probeert meethuis het later opnieuw: eerst na 30 seconden, daarna steeds twee keer zo lang, tot één keer per uur. Na 20 pogingen geeft meethuis het op: de e-mail is dan mislukt.',
  mailboxMode: 'Er is geen SMTP-server ingesteld. E-mails gaan naar de ingebouwde mailbox en verlaten de server niet.',
  countsTitle: 'Stand van de wachtrij',
  countsCaption: 'Aantal e-mails per status',
  columns: { what: 'Wat', count: 'Aantal' },
  dueNow: 'Wacht nu op verzending',
  planned: 'Gepland voor later (herinneringen)',
  retrying: 'Wordt opnieuw geprobeerd',
  sent: 'Verstuurd',
  failed: 'Mislukt (opgegeven)',
  cancelled: 'Geannuleerd (niet meer nodig)',
  bouncedHard: 'Onbestelbaar teruggekomen (harde bounce)',
  bouncedSoft: 'Vertraagd of tijdelijk geweigerd gemeld (zachte bounce)',
  oldestDue: 'Langst wachtende e-mail',
  oldestDueValue: (since: string, minutes: number) => `sinds ${since} (${minutes === 1 ? '1 minuut' : `${minutes} minuten`})`,
  nothingWaiting: 'Er wacht nu geen e-mail.',
  nextAttempt: 'Volgende verzendpoging',
  noNextAttempt: 'Geen: de wachtrij is leeg.',
  now: 'nu',
  stuck: (minutes: number) =>
    `Er wacht al meer dan ${minutes} minuten een e-mail die verstuurd had moeten worden. Draait de server nog? Kijk ook op /readyz.`,
  problemsTitle: 'Laatste fouten',
  problemsIntro: 'E-mails die mislukt zijn, opnieuw geprobeerd worden of als bounce terugkwamen, de nieuwste eerst. Adressen en andere persoonsgegevens zijn afgeschermd.',
  problemsCaption: (count: number) => (count === 1 ? 'De laatste fout (1)' : `De laatste fouten (${count})`),
  problemColumns: { id: 'Nummer', kind: 'Soort', to: 'Aan', status: 'Status', attempts: 'Pogingen', next: 'Volgende poging', error: 'Laatste fout' },
  noProblems: 'Er zijn geen fouten.',
  kinds: {
    invitation: 'Uitnodiging',
    reminder: 'Herinnering',
    'panel-confirmation': 'Panel: bevestiging',
    'panel-invitation': 'Panel: uitnodiging',
    'panel-reminder': 'Panel: herinnering',
    'panel-renewal': 'Panel: verlenging',
    digest: 'Samenvatting voor medewerkers',
    'callback-recovery': 'Terugbellen: bent u goed geholpen?',
    'callback-alert': 'Terugbellen: nieuwe verzoeken',
    'setup-test': 'Testmail (controle mailinstellingen)',
  } as const satisfies Record<(typeof mailKinds)[number], string>,
  statuses: { queued: 'opnieuw proberen', sent: 'verstuurd', failed: 'mislukt', cancelled: 'geannuleerd' } as const satisfies Record<(typeof mailStatuses)[number], string>,
  bounce: {
    hard: (status: string) => `onbestelbaar (${status})`,
    soft: (status: string) => `verstuurd, vertraagd gemeld (${status})`,
  } as const satisfies Record<(typeof bounceKinds)[number], (status: string) => string>,
  retryTitle: 'Mislukte e-mails opnieuw versturen',
  retryIntro:
    'Is het probleem opgelost, bijvoorbeeld de instellingen van de mailserver? Zet dan alle mislukte e-mails terug in de wachtrij. Ze worden meteen verstuurd, met weer 20 pogingen. E-mails die niet meer nodig zijn (vragenlijst al ingevuld of verlopen, afgemeld) worden niet verstuurd.',
  retryButton: 'Mislukte e-mails nu opnieuw versturen',
  retryNone: 'Er zijn geen mislukte e-mails.',
  retried: (requeued: number, cancelled: number) =>
    `${requeued === 1 ? '1 e-mail staat' : `${requeued} e-mails staan`} weer in de wachtrij.${cancelled > 0 ? ` ${cancelled === 1 ? '1 e-mail was' : `${cancelled} e-mails waren`} niet meer nodig en ${cancelled === 1 ? 'is' : 'zijn'} geannuleerd.` : ''}`,
} as const;
