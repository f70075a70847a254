// Call-back requests, the citizen's side: the question after the survey, its form and the pages after it (B1).
import type { CallbackReason } from '../db/schema';

/** The service norm in words: whole working days when it is a multiple of 8 working hours. */
export function serviceNormWords(hours: number): string {
  if (hours % 8 === 0) return hours === 8 ? '1 werkdag' : `${hours / 8} werkdagen`;
  return hours === 1 ? '1 werkuur' : `${hours} werkuren`;
}

export interface CallbackTerms {
  slaHours: number;
  retentionDays: number;
}

export const callbackQuestion = {
  heading: 'Wilt u dat wij contact met u opnemen over uw ervaring?',
  optional: 'Dit is niet verplicht. Wilt u geen contact? Dan hoeft u niets te doen. U kunt deze pagina sluiten.',
  why: {
    'low-grade': 'Waarom vragen wij dit? Uit uw antwoorden lijkt het erop dat het niet goed ging. Een medewerker van het Klant Contact Centrum wil daar graag met u over praten. Misschien kunnen wij u nog helpen, of uitleggen wat er gebeurde.',
    'negative-step': 'Waarom vragen wij dit? Uit uw antwoorden lijkt het erop dat een stap niet goed ging. Een medewerker van het Klant Contact Centrum wil daar graag met u over praten. Misschien kunnen wij u nog helpen, of uitleggen wat er gebeurde.',
    'offered-to-all': 'Waarom vragen wij dit? Wij vragen het iedereen. Wilt u meer vertellen, of heeft u nog een vraag? Dan neemt een medewerker van het Klant Contact Centrum contact met u op.',
  } satisfies Record<CallbackReason, string>,
  details: (terms: CallbackTerms): string[] => [
    `Wanneer? Wij nemen binnen ${serviceNormWords(terms.slaHours)} contact met u op. Werkdagen zijn maandag tot en met vrijdag, niet op feestdagen.`,
    `Wat doen wij met uw gegevens? Wij gebruiken uw telefoonnummer of e-mailadres alleen om over deze ervaring contact met u op te nemen. Wij bewaren ze apart van uw antwoorden. Als wij klaar zijn, wissen wij ze. Uiterlijk na ${terms.retentionDays} dagen.`,
    'Dit staat los van het burgerpanel. Zegt u hier ja, dan doet u niet mee aan het burgerpanel. En wie meedoet aan het burgerpanel, wordt hierdoor niet gebeld.',
  ],
  privacyLead: 'Meer hierover leest u in de',
  privacyLink: 'privacyverklaring',
  methodLegend: 'Hoe wilt u dat wij contact opnemen?',
  methodOptions: [
    { value: 'phone', label: 'Bel mij' },
    { value: 'email', label: 'Stuur mij een e-mail' },
  ],
  phoneLabel: 'Telefoonnummer',
  phoneHint: 'Alleen nodig als u kiest voor bellen. Bijvoorbeeld 06 12345678.',
  emailLabel: 'E-mailadres',
  emailHint: 'Alleen nodig als u kiest voor e-mail.',
  emailPrefilledHint: 'Alleen nodig als u kiest voor e-mail. Dit is het adres waarop u de vragenlijst kreeg. U kunt het veranderen.',
  bestTimeLegend: 'Wanneer komt het u het best uit? (niet verplicht)',
  bestTimeOptions: [
    { value: 'ochtend', label: "'s Ochtends (9 tot 12 uur)" },
    { value: 'middag', label: "'s Middags (12 tot 17 uur)" },
    { value: 'maakt-niet-uit', label: 'Maakt niet uit' },
  ],
  submit: 'Ja, neem contact met mij op',
  errors: {
    method: 'Kies of wij u bellen of een e-mail sturen.',
    phone: 'Vul een telefoonnummer in, bijvoorbeeld 06 12345678.',
    email: 'Vul een e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.',
    bestTime: 'Kies een moment uit de lijst, of kies niets.',
  },
  tooLarge: 'Wat u stuurde is te lang. Ga terug en probeer het opnieuw.',
  doneTitle: 'Wij nemen contact met u op',
  done: (method: 'phone' | 'email', slaHours: number) =>
    `Dank u wel. Wij ${method === 'phone' ? 'bellen' : 'mailen'} u binnen ${serviceNormWords(slaHours)}. Als wij klaar zijn, wissen wij uw contactgegevens.`,
  alreadyTitle: 'Uw verzoek is al ontvangen',
  alreadyBody: 'Wij hebben uw verzoek om contact al. U hoeft niets meer te doen. Wij nemen contact met u op.',
  closedTitle: 'Deze vraag is niet (meer) beschikbaar',
  closedBody: 'Via deze link kunt u geen contact (meer) aanvragen. Heeft u een vraag? Neem dan gewoon contact op met de gemeente.',
} as const;
