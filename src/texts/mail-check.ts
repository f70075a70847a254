import type { CheckItem, CheckStatus } from '../mail-setup';
import { formatDateTime } from './formatters';

// The mail set-up check (/admin/mail and `npm run cli -- mail check`): what each result means and what to do.

export interface CheckExplanation {
  /** What was found, in one sentence. */
  summary: string;
  /** What to do about it (empty when nothing needs doing). */
  advice: string;
}

const reservedDomain = (domain: string): CheckExplanation => ({
  summary: `${domain} is geen echt internetdomein (het is gereserveerd voor tests), dus niemand kan hiervoor DNS-records vinden.`,
  advice: 'Stel MAIL_FROM in op een adres van het eigen domein van de gemeente, bijvoorbeeld enquete@gemeente.nl.',
});

const dnsFailed = (name: string, detail?: string): CheckExplanation => ({
  summary: `De DNS-gegevens van ${name} konden nu niet worden opgevraagd${detail ? ` (${detail})` : ''}.`,
  advice: 'Probeer het over een paar minuten opnieuw. Blijft het mislukken, vraag dan uw netwerkbeheerder of deze server DNS kan gebruiken.',
});

function explainSpf(item: Extract<CheckItem, { part: 'spf' }>): CheckExplanation {
  const d = item.domain;
  switch (item.reason) {
    case 'reserved-domain':
      return reservedDomain(d);
    case 'dns-failed':
      return dnsFailed(d, item.detail);
    case 'missing':
      return {
        summary: `${d} heeft geen SPF-record. Ontvangers kunnen niet nagaan welke servers namens dit domein mogen mailen; uitnodigingen komen dan vaak in de spam.`,
        advice: `Zet bij uw DNS-beheerder een TXT-record op ${d}, bijvoorbeeld "v=spf1 include:<SPF-domein van uw mailprovider> -all". Uw mailprovider noemt de include.`,
      };
    case 'multiple':
      return {
        summary: `${d} heeft meer dan één SPF-record. Dat is ongeldig: ontvangers negeren dan alle SPF-records.`,
        advice: 'Voeg de records samen tot één TXT-record dat begint met "v=spf1", met alle include-regels erin.',
      };
    case 'invalid':
      return {
        summary: `Het SPF-record van ${d} kan niet worden gelezen${item.detail ? ` (${item.detail})` : ''}. Ontvangers behandelen het dan als een fout.`,
        advice: 'Controleer de schrijfwijze en de include-regels (hoogstens 10 DNS-opvragingen in totaal). Uw mailprovider kan het juiste record geven.',
      };
    case 'allows-all':
      return {
        summary: `Het SPF-record van ${d} staat elke server ter wereld toe om namens dit domein te mailen ("+all"). Dat beschermt niets.`,
        advice: 'Vervang "+all" door "-all" (of "~all"), na de include van uw mailprovider.',
      };
    case 'neutral':
      return {
        summary: `${d} heeft een SPF-record, maar zegt niet wat ontvangers moeten doen met mail van andere servers (geen "-all" of "~all").`,
        advice: 'Sluit het record af met "-all" (weigeren) of "~all" (verdacht) zodra alle servers die namens u mailen erin staan.',
      };
    case 'softfail':
      return {
        summary: `${d} heeft een geldig SPF-record dat mail van andere servers als verdacht markeert ("~all").`,
        advice: 'In orde. Met "-all" en een DMARC-beleid is de bescherming het sterkst.',
      };
    case 'fail':
      return { summary: `${d} heeft een geldig SPF-record dat mail van andere servers laat weigeren ("-all").`, advice: '' };
  }
}

function explainDkim(item: Extract<CheckItem, { part: 'dkim' }>): CheckExplanation {
  const record = item.expected ? `"v=DKIM1; k=rsa; p=${item.expected}"` : '';
  switch (item.reason) {
    case 'not-configured':
      return {
        summary: 'meethuis ondertekent de e-mails niet zelf met DKIM (DKIM_DOMAIN en DKIM_SELECTOR zijn niet ingesteld).',
        advice: 'Ondertekent uw mailprovider uw mail al met uw eigen domein, dan is dit genoeg. Anders: maak een sleutel met "npm run cli -- mail dkim-key" en volg de stappen die het commando toont.',
      };
    case 'reserved-domain':
      return reservedDomain(item.domain);
    case 'dns-failed':
      return dnsFailed(item.name ?? item.domain, item.detail);
    case 'missing':
      return {
        summary: `Er staat geen DKIM-sleutel op ${item.name}. Ontvangers kunnen de handtekening van meethuis niet controleren en zien de mail als niet ondertekend.`,
        advice: `Zet bij uw DNS-beheerder een TXT-record op ${item.name} met de waarde ${record}.`,
      };
    case 'revoked':
      return {
        summary: `De DKIM-sleutel op ${item.name} is ingetrokken (lege p=). Elke handtekening met deze selector wordt afgekeurd.`,
        advice: `Zet de publieke sleutel van meethuis terug: ${record}, of gebruik een nieuwe selector.`,
      };
    case 'mismatch':
      return {
        summary: `Op ${item.name} staat een andere sleutel dan de sleutel waarmee meethuis ondertekent. Ontvangers keuren de handtekening af.`,
        advice: `Vervang de waarde van het TXT-record door ${record}, of stel de sleutel in die bij het record hoort (DKIM_PRIVATE_KEY_FILE).`,
      };
    case 'not-aligned':
      return {
        summary: `De DKIM-sleutel klopt, maar ${item.domain} hoort niet bij het afzenderdomein. DMARC telt de handtekening daardoor niet mee.`,
        advice: 'Stel DKIM_DOMAIN in op het domein van MAIL_FROM (of een subdomein ervan) en publiceer de sleutel daar.',
      };
    case 'ok':
      return { summary: `De DKIM-sleutel op ${item.name} hoort bij de sleutel waarmee meethuis ondertekent.`, advice: '' };
  }
}

function explainDmarc(item: Extract<CheckItem, { part: 'dmarc' }>): CheckExplanation {
  const d = item.domain;
  switch (item.reason) {
    case 'reserved-domain':
      return reservedDomain(d);
    case 'dns-failed':
      return dnsFailed(`_dmarc.${d}`, item.detail);
    case 'missing':
      return {
        summary: `${d} heeft geen DMARC-record. Grote mailboxproviders eisen dat van wie veel mail verstuurt; zonder DMARC kan ook iedereen mail namens de gemeente vervalsen.`,
        advice: `Zet een TXT-record op _dmarc.${d}, om te beginnen "v=DMARC1; p=none; rua=mailto:<adres voor rapporten>". Zet het beleid later op quarantine of reject.`,
      };
    case 'monitor-only':
      return {
        summary: `${d} heeft een DMARC-record met beleid "none": ontvangers rapporteren, maar houden vervalste mail niet tegen.`,
        advice: 'Goed om mee te beginnen. Lees de rapporten een paar weken en zet het beleid dan op "p=quarantine" of "p=reject" (de norm van Forum Standaardisatie).',
      };
    case 'not-aligned':
      return {
        summary: `${d} heeft een DMARC-beleid "${item.policy}", maar de DKIM-handtekening van meethuis valt niet onder dit domein. Mail kan daardoor in de spam komen of geweigerd worden.`,
        advice: 'Onderteken met het domein van MAIL_FROM (DKIM_DOMAIN), of zorg dat SPF voor dit domein slaagt.',
      };
    case 'ok':
      return { summary: `${d} heeft een DMARC-record met beleid "${item.policy}"; de handtekening van meethuis telt mee.`, advice: '' };
  }
}

function explainSmtp(item: Extract<CheckItem, { part: 'smtp' }>): CheckExplanation {
  switch (item.reason) {
    case 'mailbox':
      return {
        summary: 'Er is geen SMTP-server ingesteld: e-mails worden alleen in de ingebouwde mailbox bewaard, niet verstuurd.',
        advice: 'Stel SMTP_URL in met de gegevens van uw mailprovider, bijvoorbeeld smtps://gebruiker:wachtwoord@smtp.provider.nl:465.',
      };
    case 'failed':
      return {
        summary: `Verbinden of inloggen bij de SMTP-server lukte niet: ${item.detail ?? 'onbekende fout'}.`,
        advice: 'Controleer de servernaam, de poort en de gebruikersnaam en het wachtwoord in SMTP_URL, en of deze server de mailserver mag bereiken (firewall).',
      };
    case 'ok':
      return { summary: 'Verbinden en inloggen bij de SMTP-server lukt.', advice: '' };
  }
}

function explainBounces(item: Extract<CheckItem, { part: 'bounces' }>): CheckExplanation {
  switch (item.reason) {
    case 'not-configured':
      return {
        summary: 'Onbestelbare e-mails (bounces) komen niet bij meethuis terug. Een uitnodiging naar een adres dat niet bestaat telt dan als verstuurd, en de herinnering gaat naar hetzelfde dode adres.',
        advice: 'Stel MAIL_BOUNCE_ADDRESS in, met BOUNCE_SMTP_PORT (meethuis ontvangt de bounces zelf) of BOUNCE_IMAP_URL (meethuis leest een mailbox).',
      };
    case 'no-tag':
      return {
        summary: 'Er is een manier ingesteld om bounces te ontvangen, maar geen MAIL_BOUNCE_ADDRESS. De e-mails dragen dan geen kenmerk, en meethuis negeert elke bounce.',
        advice: 'Stel MAIL_BOUNCE_ADDRESS in op het adres waar de bounces binnenkomen, bijvoorbeeld bounces@gemeente.nl.',
      };
    case 'no-receiver':
      return {
        summary: `Bounces gaan naar ${item.address}, maar meethuis ontvangt of leest ze nergens.`,
        advice: 'Stel BOUNCE_SMTP_PORT in (en laat de mail voor dit adres daarheen sturen) of BOUNCE_IMAP_URL (de mailbox van dit adres).',
      };
    case 'mailbox-not-read':
      return { summary: `Bounces gaan naar ${item.address}; meethuis heeft de mailbox nog niet gelezen.`, advice: 'Kijk over een minuut opnieuw. Blijft dit zo, controleer dan of de server draait.' };
    case 'mailbox-failed':
      return {
        summary: `Het lezen van de bounce-mailbox lukte de laatste keer niet: ${item.detail ?? 'onbekende fout'}.`,
        advice: 'Controleer de server, de poort, de gebruikersnaam en het wachtwoord in BOUNCE_IMAP_URL.',
      };
    case 'ok':
      return {
        summary: [
          `Bounces gaan naar ${item.address} met een kenmerk per e-mail`,
          item.port !== undefined ? `meethuis ontvangt ze op poort ${item.port}` : '',
          item.lastRead ? `de mailbox is gelezen op ${formatDateTime(new Date(item.lastRead))}` : '',
        ].filter(Boolean).join('; ') + '.',
        advice: '',
      };
  }
}

export const mailCheck = {
  title: 'Mailinstellingen controleren',
  menuLabel: 'Mailinstellingen',
  overviewHint: 'SPF, DKIM, DMARC en de mailserver controleren, en een testmail sturen',
  intro: (domain: string) =>
    `Komen de uitnodigingen aan? Dat hangt af van de instellingen van het afzenderdomein ${domain || '(geen)'} en van de mailserver. Hier ziet u wat meethuis vindt, wat het betekent en wat u kunt doen. De controle loopt opnieuw elke keer dat u deze pagina opent.`,
  resultsTitle: 'Uitkomst',
  resultsCaption: 'Uitkomst van de controle per onderdeel',
  columns: { part: 'Onderdeel', status: 'Uitkomst', meaning: 'Wat betekent dit?', advice: 'Wat kunt u doen?' },
  parts: { spf: 'SPF (welke servers mogen mailen)', dkim: 'DKIM (handtekening)', dmarc: 'DMARC (beleid bij vervalsing)', smtp: 'Verbinding met de mailserver', bounces: 'Onbestelbare e-mails (bounces)' } satisfies Record<CheckItem['part'], string>,
  statuses: { ok: 'In orde', warning: 'Let op', error: 'Fout' } satisfies Record<CheckStatus, string>,
  found: 'Gevonden record',
  nothingToDo: 'Niets te doen.',
  explain(item: CheckItem): CheckExplanation {
    if (item.part === 'spf') return explainSpf(item);
    if (item.part === 'dkim') return explainDkim(item);
    if (item.part === 'dmarc') return explainDmarc(item);
    if (item.part === 'bounces') return explainBounces(item);
    return explainSmtp(item);
  },
  testTitle: 'Testmail sturen',
  testIntro:
    'Stuur een testmail naar een adres waar u de mail kunt bekijken. Kijk daar of hij aankomt, niet in de spam staat, en (bij "Origineel tonen" of "Bron weergeven") of SPF, DKIM en DMARC "pass" zeggen. De testmail gaat via de wachtrij, net als de uitnodigingen.',
  testAddress: 'E-mailadres voor de testmail',
  testAddressHint: 'Bijvoorbeeld uw eigen werkadres of een adres bij een grote mailboxprovider.',
  testButton: 'Testmail sturen',
  testAddressError: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.',
  testQueued: (id: number) => `De testmail (nummer ${id}) staat in de wachtrij en wordt meteen verstuurd. Of het lukte, ziet u hieronder en bij Uitgaande mail.`,
  testStatus: (id: number, status: string) => `Testmail nummer ${id}: ${status}.`,
  testMail: (organisation: string) => ({
    subject: `Testmail van meethuis (${organisation})`,
    body: `Dit is een testmail van meethuis, verstuurd om de mailinstellingen van ${organisation} te controleren.\n\nKomt deze mail aan en staat hij niet in de spam? Dan komen de uitnodigingen voor vragenlijsten ook aan.\nBekijk de bron van deze mail: bij "Authentication-Results" horen SPF, DKIM en DMARC "pass" te zeggen.\n\nU hoeft niets te doen.`,
  }),
};
