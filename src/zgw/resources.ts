import { z } from 'zod';
import { ZgwUnavailableError } from './zgw-client';

/**
 * The parts of ZGW resources meethuis reads (Zaken API ≥ 1.4 as Open Zaak ≥ 1.10 serves it,
 * Catalogi API 1.3, Klantinteracties API of Open Klant ≥ 2.18); everything else is ignored.
 */
export const statusSchema = z.object({
  zaak: z.string().optional(),
  statustype: z.string(),
  datumStatusGezet: z.string().nullish(),
});

export const statustypeSchema = z.object({
  isEindstatus: z.boolean(),
  omschrijving: z.string().nullish(),
});

export const zaakSchema = z.object({
  url: z.string().optional(),
  identificatie: z.string().nullish(),
  zaaktype: z.string(),
  registratiedatum: z.string().nullish(),
  startdatum: z.string().nullish(),
  einddatum: z.string().nullish(),
  // A Referentielijsten URL (Zaken API); the name only from Open Zaak ≥ 1.13 (experimental there).
  communicatiekanaal: z.string().nullish(),
  communicatiekanaalNaam: z.string().nullish(),
});
export type Zaak = z.infer<typeof zaakSchema>;

export const zaaktypeSchema = z.object({ identificatie: z.string().nullish() });

export const rolSchema = z.object({
  omschrijvingGeneriek: z.string().nullish(),
  // A URL of the betrokkene elsewhere, e.g. an Open Klant partij; '' when none.
  betrokkene: z.string().nullish(),
  contactpersoonRol: z.object({ emailadres: z.string().nullish() }).nullish(),
});

export const klantcontactSchema = z.object({
  url: z.string().optional(),
  // `nummer` is deprecated and no longer generated since Open Klant 2.16.
  referentienummer: z.string().nullish(),
  nummer: z.string().nullish(),
  hoofdOnderwerpType: z.string().nullish(),
  kanaal: z.string().nullish(),
  onderwerp: z.string().nullish(),
  plaatsgevondenOp: z.string().nullish(),
  taal: z.string().nullish(),
});

export const digitaalAdresSchema = z.object({
  url: z.string().optional(),
  adres: z.string(),
  soortDigitaalAdres: z.string(),
  isStandaardAdres: z.boolean().nullish(),
});

export const betrokkeneSchema = z.object({
  rol: z.string().nullish(),
  initiator: z.boolean().nullish(),
  wasPartij: z.object({ url: z.string() }).nullish(),
  digitaleAdressen: z.array(z.object({ url: z.string() })).nullish(),
  _expand: z.object({ digitaleAdressen: z.array(digitaalAdresSchema).nullish() }).nullish(),
});

export const partijSchema = z.object({
  voorkeursDigitaalAdres: z.object({ url: z.string() }).nullish(),
});

/** A Referentielijsten communicatiekanaal. */
export const communicatiekanaalSchema = z.object({ naam: z.string().nullish() });

/** The answer as this schema, or an error that is recorded and retried (the API may be mid-upgrade). */
export function read<T extends z.ZodType>(schema: T, data: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)').join(', ');
    throw new ZgwUnavailableError(`unexpected ${what} (${fields})`);
  }
  return parsed.data;
}

const emailSchema = z.string().trim().max(254).pipe(z.email());

/** A usable e-mail address, or undefined. */
export function validEmail(value: string | null | undefined): string | undefined {
  const parsed = emailSchema.safeParse(value ?? '');
  return parsed.success ? parsed.data : undefined;
}

const channelWords: [RegExp, string][] = [
  [/e-?mail/i, 'e-mail'],
  [/telefo|phone|bellen|kcc/i, 'telefoon'],
  [/balie|loket|counter|stadswinkel|servicepunt/i, 'balie'],
  [/chat|whatsapp/i, 'chat'],
  [/video|beeldbel/i, 'video'],
  [/huisbezoek/i, 'huisbezoek'],
  [/post|brief|letter/i, 'post'],
  [/web|internet|online|digita|formulier|portaal|app\b/i, 'web'],
];

/** A communicatiekanaal(naam) or Open Klant kanaal as one of meethuis's channels when recognisable. */
export function channelOf(name: string | null | undefined): string | null {
  const text = name?.trim();
  if (!text) return null;
  for (const [pattern, channel] of channelWords) if (pattern.test(text)) return channel;
  return text.toLowerCase().slice(0, 60);
}

const day = (value: string | null | undefined) => (value && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(`${value.slice(0, 10)}T00:00:00Z`) : NaN);

/** Doorlooptijd in days: einddatum − startdatum (or registratiedatum); null when unknown. */
export function leadTimeDaysOf(zaak: Pick<Zaak, 'startdatum' | 'registratiedatum' | 'einddatum'>, endFallback?: string | null): number | null {
  const start = Number.isNaN(day(zaak.startdatum)) ? day(zaak.registratiedatum) : day(zaak.startdatum);
  const end = Number.isNaN(day(zaak.einddatum)) ? day(endFallback) : day(zaak.einddatum);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return null;
  return Math.round((end - start) / 86_400_000);
}

// ISO 639-2 (bibliographic and terminology codes) to the two-letter codes of the language files, for common requests.
const twoLetter: Record<string, string> = {
  nld: 'nl', dut: 'nl', eng: 'en', ara: 'ar', tur: 'tr', pol: 'pl', ukr: 'uk', deu: 'de', ger: 'de', fra: 'fr', fre: 'fr',
  spa: 'es', por: 'pt', ita: 'it', rus: 'ru', ron: 'ro', rum: 'ro', bul: 'bg', fas: 'fa', per: 'fa', som: 'so', tir: 'ti', pap: 'pap', fry: 'fy', zho: 'zh', chi: 'zh',
};

/** An ISO 639-2 language (Open Klant's `taal`) as a survey language code; Dutch when unknown. */
export function languageOf(taal: string | null | undefined): string {
  const code = taal?.trim().toLowerCase() ?? '';
  if (/^[a-z]{2}$/.test(code)) return code;
  return twoLetter[code] ?? 'nl';
}

/** The last path segment of a resource URL (its uuid): a reference when no identificatie is known. */
export function lastSegment(url: string): string {
  try {
    return new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? url;
  } catch {
    return url;
  }
}
