// The privacy and accessibility statements: long texts built from the organisation's details and terms.
// They stay in Dutch; the short versions per language are in the citizen language files (src/texts/citizen.ts).
import dutchFile from './citizen/nl.json' with { type: 'json' };

/** Organisation details for the statements (configuration: ORGANISATION_*, PRIVACY_OFFICER_EMAIL). */
export interface StatementOrganisation {
  name: string;
  email?: string;
  phone?: string;
  address?: string;
  url?: string;
  privacyOfficerEmail?: string;
}

/** The terms the privacy statement names, from the configuration. */
export interface StatementRules {
  expiryDays: number;
  fatigueDays: number;
  mailDays: number;
  responsesMonths: number;
  commentsMonths: number;
  auditMonths: number;
  panelConsentMonths: number;
  callbackDays: number;
  minGroupSize: number;
}

/** What the accessibility statement names: the DigiToegankelijk status, its date, the site it covers. */
export interface AccessibilityTerms {
  status: 'A' | 'B' | 'C' | 'D' | 'E';
  date?: string;
  site: string;
}

/** Where to complain: the Dutch Data Protection Authority, and the National Ombudsman. */
export const complaintUrls = {
  dataProtection: 'https://autoriteitpersoonsgegevens.nl/nl/zelf-doen/privacyrechten/klacht-indienen-bij-de-ap',
  ombudsman: 'https://www.nationaleombudsman.nl',
};

export interface StatementSection {
  heading: string;
  /** A stable anchor for links to this section (otherwise by its position). */
  id?: string;
  paragraphs: string[];
  items?: string[];
  links?: { label: string; href: string }[];
}

/** A chain survey (ketenreis) as /privacy names it: its organisations and where to ask about privacy at each. */
export interface StatementChain {
  journey: string;
  organisations: { name: string; privacyContact: string | null }[];
}

/** The section on chain surveys: who takes part, and that the hosting organisation processes the data on their behalf. */
function chainSection(o: StatementOrganisation, chains: StatementChain[]): StatementSection[] {
  if (chains.length === 0) return [];
  return [
    {
      heading: 'Vragenlijsten van meerdere organisaties (ketenreizen)',
      id: 'ketenreizen',
      paragraphs: [
        'Sommige vragenlijsten gaan over een gebeurtenis waarbij u met meerdere organisaties te maken had. De vragenlijst komt dan van de organisatie waarmee u contact had; die organisatie is verantwoordelijk voor uw gegevens.',
        `${o.name} verwerkt de gegevens van deze vragenlijsten namens deze organisaties, volgens een verwerkersovereenkomst. De organisaties zien samen alleen uitkomsten van groepen, nooit uw e-mailadres of wie wat antwoordde.`,
        'Het gaat om deze vragenlijsten en organisaties:',
      ],
      items: chains.map(
        (chain) =>
          `${chain.journey}: ${chain.organisations.map((organisation) => (organisation.privacyContact ? `${organisation.name} (privacyvragen: ${organisation.privacyContact})` : organisation.name)).join('; ')}`,
      ),
    },
  ];
}

const months = (n: number) => (n === 1 ? '1 maand' : n % 12 === 0 ? (n === 12 ? '1 jaar' : `${n / 12} jaar`) : `${n} maanden`);

function contactSentence(o: StatementOrganisation): string {
  const ways = [o.email ? `per e-mail: ${o.email}` : '', o.phone ? `per telefoon: ${o.phone}` : '', o.address ? `per post: ${o.address}` : ''].filter(Boolean);
  if (ways.length === 0) return o.url ? `Neem contact op met ${o.name} via ${o.url}.` : `Neem contact op met ${o.name}.`;
  return `U kunt ${o.name} bereiken ${ways.join(', ')}.${o.url ? ` Of kijk op ${o.url}.` : ''}`;
}

/** The status in Dutch words, as the short Dutch statement has them. */
export function accessibilityStatusLabel(status: AccessibilityTerms['status']): string {
  return dutchFile.texts.statements.accessibility.statusLabels[status];
}

export const statements = {
  privacyTitle: 'Privacyverklaring vragenlijsten en burgerpanel',
  privacy: (o: StatementOrganisation, r: StatementRules, chains: StatementChain[] = []): StatementSection[] => [
    {
      heading: 'Over deze verklaring',
      paragraphs: [
        `${o.name} stuurt inwoners na contact met de gemeente soms een korte vragenlijst. In deze verklaring leest u welke gegevens wij daarvoor gebruiken, waarom wij dat doen en hoe lang wij ze bewaren.`,
        `${o.name} is verantwoordelijk voor het gebruik van uw gegevens.${o.address ? ` Ons adres: ${o.address}.` : ''}`,
      ],
    },
    {
      heading: 'Waarom wij u vragen stellen',
      paragraphs: [
        `Wij willen weten hoe u het contact met ${o.name} ervaren heeft. Daarom sturen wij u na afloop van uw zaak of afspraak soms een e-mail met een korte vragenlijst. Met uw antwoorden zien wij waar het beter kan, en maken wij onze dienstverlening beter.`,
        'Wij gebruiken uw antwoorden nooit om besluiten over u te nemen, en nooit voor controles.',
      ],
    },
    {
      heading: 'Welke gegevens wij gebruiken',
      paragraphs: [
        'Uw e-mailadres, om u de vragenlijst te sturen. Over welke dienst het ging (bijvoorbeeld "Paspoort aanvragen") en welke stappen u doorliep. Soms een groep waar u bij hoort, zoals een leeftijdsgroep of wijk. En natuurlijk uw antwoorden.',
        'In de e-mail staat alleen de naam van de dienst. Wij zetten er geen gegevens over uw zaak in.',
        'Schrijft u in uw antwoord een e-mailadres, telefoonnummer, BSN of rekeningnummer? Dan maken wij dat onleesbaar voordat wij uw antwoord bewaren.',
      ],
    },
    {
      heading: 'Waarom dit mag (grondslag)',
      paragraphs: [
        'Vragenlijsten: wij doen dit om onze publieke taak goed uit te voeren, namelijk goede dienstverlening aan inwoners (artikel 6, lid 1, onder e van de AVG). U mag hier bezwaar tegen maken.',
        'Burgerpanel: u kunt onder de vragenlijst zelf kiezen of wij u later mogen benaderen voor een gesprek. Dat doen wij alleen met uw toestemming (artikel 6, lid 1, onder a van de AVG). U kunt uw toestemming altijd intrekken met de link in elke e-mail van het burgerpanel. Dat is net zo makkelijk als toestemming geven.',
      ],
    },
    {
      heading: 'Hoe lang wij gegevens bewaren',
      paragraphs: ['Wij bewaren uw gegevens niet langer dan nodig. Elk uur ruimt het systeem vanzelf op wat niet meer nodig is.'],
      items: [
        `Uw e-mailadres: tot u de vragenlijst heeft ingevuld, tot u zich afmeldt, of tot de link verloopt (na ${r.expiryDays} dagen). Daarna bewaren wij alleen een versleutelde code van uw adres. Daarmee zorgen wij dat u niet vaker dan één keer per ${r.fatigueDays} dagen een vragenlijst krijgt.`,
        `Verstuurde e-mails: ${r.mailDays} dagen.`,
        `Uw antwoorden: ${months(r.responsesMonths)}.${r.commentsMonths < r.responsesMonths ? ` Wat u zelf in uw eigen woorden schreef: ${months(r.commentsMonths)}.` : ''}`,
        `Gegevens over een afspraak die u niet kon nakomen: ${months(r.responsesMonths)}. Daarna blijft alleen over wanneer en waar de afspraak was, zonder dat die nog bij u hoort.`,
        `Terugbelverzoek: uw telefoonnummer of e-mailadres tot wij klaar zijn met uw verzoek, en uiterlijk ${r.callbackDays} dagen. Daarna blijft alleen over dat er een verzoek was, over welke dienst, en hoe het afliep.`,
        `Burgerpanel: uw contactgegevens tot u zich afmeldt of tot uw toestemming afloopt (na ${months(r.panelConsentMonths)}, tenzij u verlengt). Wij bewaren wel dat, wanneer en met welke tekst u toestemming gaf.`,
        'Afmelding: zolang u afgemeld wilt blijven. Wij bewaren dan alleen de versleutelde code van uw e-mailadres, niet het adres zelf.',
        `Logbestanden van medewerkers: ${months(r.auditMonths)}, zoals de regels voor informatiebeveiliging van de overheid (BIO) vragen.`,
        'Totalen per dag (aantallen en gemiddelden) zijn niet terug te voeren op personen. Die blijven bewaard, zodat wij kunnen zien of iets beter wordt.',
      ],
    },
    {
      heading: 'Terugbelverzoeken',
      id: 'terugbelverzoeken',
      paragraphs: [
        'Was u niet tevreden? Dan vragen wij na de vragenlijst soms of u wilt dat wij contact met u opnemen. Dat is niet verplicht. Alleen als u daar zelf om vraagt, bellen of mailen wij u.',
        'Wat gebruiken wij? Het telefoonnummer of e-mailadres dat u ons geeft, en wanneer het u uitkomt. Wij bewaren dit versleuteld en apart van uw antwoorden. Alleen medewerkers van het Klant Contact Centrum kunnen het zien. Elke keer dat iemand het bekijkt, leggen wij vast.',
        'Waarvoor? Alleen om uw verzoek te beantwoorden. Niet voor iets anders.',
        'Waarom mag dit? Omdat u er zelf om vraagt. Wij doen het om onze publieke taak goed uit te voeren (artikel 6, lid 1, onder e van de AVG).',
        `Hoe lang? Als wij klaar zijn met uw verzoek, wissen wij uw contactgegevens meteen. Uiterlijk na ${r.callbackDays} dagen.`,
        'Dit staat los van het burgerpanel. Vraagt u om contact, dan doet u niet mee aan het burgerpanel.',
      ],
    },
    {
      heading: 'Wie uw gegevens ziet',
      paragraphs: [
        `Medewerkers zien alleen uitkomsten van groepen van minstens ${r.minGroupSize} mensen, nooit wie wat antwoordde. Alleen onderzoekers van ${o.name} zien de contactgegevens van leden van het burgerpanel die toestemming gaven. Wij geven uw gegevens niet aan anderen.`,
        'Deze pagina’s laden niets van andere websites en gebruiken geen cookies om u te volgen.',
      ],
    },
    ...chainSection(o, chains),
    {
      heading: 'Geen vragenlijsten meer krijgen',
      paragraphs: ['Onder elke e-mail staat een link om u af te melden. Daarna sturen wij u geen vragenlijsten meer.'],
    },
    {
      heading: 'Uw rechten',
      paragraphs: [
        `U mag vragen welke gegevens ${o.name} over u heeft. U mag ook vragen om ze te verbeteren of te wissen, of bezwaar maken tegen het gebruik ervan. Noem in uw verzoek het e-mailadres waarop u onze e-mails kreeg. Wij reageren binnen een maand.`,
        contactSentence(o),
      ],
    },
    ...(o.privacyOfficerEmail
      ? [
          {
            heading: 'Functionaris gegevensbescherming',
            paragraphs: [`Heeft u een vraag over privacy? U kunt ook contact opnemen met onze functionaris gegevensbescherming: ${o.privacyOfficerEmail}.`],
          },
        ]
      : []),
    {
      heading: 'Een klacht indienen',
      paragraphs: [
        'Bent u het niet eens met hoe wij met uw gegevens omgaan? Laat het ons eerst weten. Komen wij er samen niet uit? Dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.',
      ],
      links: [{ label: 'Autoriteit Persoonsgegevens: een klacht indienen', href: complaintUrls.dataProtection }],
    },
  ],
  accessibilityTitle: 'Toegankelijkheidsverklaring',
  accessibility: (o: StatementOrganisation, a: AccessibilityTerms): StatementSection[] => [
    {
      heading: 'Over deze verklaring',
      paragraphs: [
        `${o.name} wil dat iedereen de vragenlijsten kan invullen, ook met een schermlezer, alleen met het toetsenbord of op een telefoon. Deze verklaring gaat over de vragenlijsten, de afmeldpagina's en de pagina's van het burgerpanel op ${a.site}.`,
      ],
    },
    {
      heading: 'Status',
      paragraphs: [
        `Status volgens het model van DigiToegankelijk: ${a.status} — ${accessibilityStatusLabel(a.status)}.${a.date ? ` Deze verklaring is opgesteld of bijgewerkt op ${a.date}.` : ''}`,
      ],
    },
    {
      heading: 'Welke eisen wij volgen',
      paragraphs: [
        'Wij maken deze pagina’s volgens de eisen van WCAG 2.1 niveau A en AA (EN 301 549). De pagina’s werken ook zonder JavaScript.',
        'Bij elke wijziging controleren wij de pagina’s automatisch in een echte browser met axe. Een automatische controle vindt niet alles. Daarom testen wij ook met het toetsenbord en een schermlezer.',
      ],
    },
    {
      heading: 'Werkt iets niet?',
      paragraphs: [
        `Loopt u tegen een probleem aan? Of heeft u de informatie in een andere vorm nodig? Laat het ${o.name} weten. Dan zoeken wij samen met u naar een oplossing. Wij reageren binnen 5 werkdagen.`,
        contactSentence(o),
      ],
    },
    {
      heading: 'Niet tevreden?',
      paragraphs: [
        'Bent u niet tevreden over hoe wij met uw melding zijn omgegaan? Dan kunt u contact opnemen met de ombudsman van uw gemeente of met de Nationale ombudsman.',
      ],
      links: [{ label: 'Nationale ombudsman', href: complaintUrls.ombudsman }],
    },
  ],
} as const;
