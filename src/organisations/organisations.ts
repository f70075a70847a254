/**
 * Organisations: the public bodies one installation serves. Every staff member, API key, journey
 * and action belongs to one; staff see and change only their own organisation's data, except what
 * a chain journey shares with its partners (src/organisations/chain-access.ts).
 */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db, Store } from '../db/client';
import { HOSTING_ORGANISATION_ID, organisations, type Organisation } from '../db/schema';
import { slugify } from '../slugs';

export { HOSTING_ORGANISATION_ID };

/** A slug: lower-case letters and digits in parts joined by single hyphens ("svb", "pensioenfonds-pfzw"). */
export const ORGANISATION_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// The placeholder the migration gives the hosting organisation until start-up names it.
const PLACEHOLDER_SLUG = 'eigen-organisatie';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((text) => text || null)
    .optional();

export const organisationInputSchema = z.object({
  name: z.string().trim().min(2, 'Vul de naam in (minstens 2 tekens).').max(120, 'De naam mag hoogstens 120 tekens hebben.'),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(2, 'Vul een korte naam in (minstens 2 tekens).')
    .max(40, 'De korte naam mag hoogstens 40 tekens hebben.')
    .regex(ORGANISATION_SLUG, 'Gebruik kleine letters, cijfers en streepjes, zoals "svb".'),
  citizenContact: optionalText(300),
  privacyContact: optionalText(300),
});
export type OrganisationInput = z.input<typeof organisationInputSchema>;

export class OrganisationError extends Error {}

export function listOrganisations(db: Store): Organisation[] {
  return db.select().from(organisations).orderBy(asc(organisations.id)).all();
}

export function findOrganisation(db: Db, id: number): Organisation | undefined {
  return db.select().from(organisations).where(eq(organisations.id, id)).get();
}

export function findOrganisationBySlug(db: Db, slug: string): Organisation | undefined {
  return db.select().from(organisations).where(eq(organisations.slug, slug.trim().toLowerCase())).get();
}

/** The organisation a CLI command names with --organisation; without it, the hosting organisation. */
export function organisationForCli(db: Db, slug: string | undefined): Organisation {
  if (slug === undefined) return findOrganisation(db, HOSTING_ORGANISATION_ID)!;
  const found = findOrganisationBySlug(db, slug);
  if (!found) {
    const known = listOrganisations(db).map((organisation) => organisation.slug);
    throw new OrganisationError(`No organisation with slug "${slug}". Known: ${known.join(', ')}.`);
  }
  return found;
}

/** Adds a partner organisation. Throws OrganisationError (Dutch) on bad input or a slug in use. */
export function createOrganisation(db: Db, clock: Clock, input: OrganisationInput): Organisation {
  const parsed = organisationInputSchema.safeParse(input);
  if (!parsed.success) throw new OrganisationError(parsed.error.issues.map((issue) => issue.message).join(' '));
  if (findOrganisationBySlug(db, parsed.data.slug)) throw new OrganisationError(`De korte naam "${parsed.data.slug}" is al in gebruik.`);
  return db
    .insert(organisations)
    .values({ ...parsed.data, citizenContact: parsed.data.citizenContact ?? null, privacyContact: parsed.data.privacyContact ?? null, createdAt: clock.now() })
    .returning()
    .get();
}

/** How citizens reach the hosting organisation, from the configuration (for /privacy and mails). */
function configuredContact(config: Pick<Config, 'ORGANISATION_EMAIL' | 'ORGANISATION_PHONE' | 'ORGANISATION_ADDRESS' | 'ORGANISATION_URL'>): string | null {
  return [config.ORGANISATION_EMAIL, config.ORGANISATION_PHONE, config.ORGANISATION_ADDRESS, config.ORGANISATION_URL].filter(Boolean).join(' · ') || null;
}

/**
 * The hosting organisation follows the configuration (ORGANISATION_NAME and its contact details).
 * Its slug is made from the name once, when it is still the migration's placeholder, and then kept:
 * scripts use it with --organisation.
 */
export function syncHostingOrganisation(db: Db, config: Pick<Config, 'ORGANISATION_NAME' | 'ORGANISATION_EMAIL' | 'ORGANISATION_PHONE' | 'ORGANISATION_ADDRESS' | 'ORGANISATION_URL'>): void {
  const hosting = findOrganisation(db, HOSTING_ORGANISATION_ID);
  if (!hosting) return;
  const contact = configuredContact(config);
  let slug = hosting.slug;
  if (slug === PLACEHOLDER_SLUG) {
    const wanted = slugify(config.ORGANISATION_NAME, PLACEHOLDER_SLUG).slice(0, 40).replace(/-+$/, '');
    slug = findOrganisationBySlug(db, wanted) ? PLACEHOLDER_SLUG : wanted;
  }
  if (hosting.name === config.ORGANISATION_NAME && hosting.citizenContact === contact && hosting.slug === slug) return;
  db.update(organisations).set({ name: config.ORGANISATION_NAME, citizenContact: contact, slug }).where(eq(organisations.id, HOSTING_ORGANISATION_ID)).run();
}

/** Staff of the hosting organisation: only they see the installation-wide pages (settings, mail, retention). */
export const isHostingStaff = (user: { organisationId: number }) => user.organisationId === HOSTING_ORGANISATION_ID;

/**
 * The name mails and pages carry for an organisation: the configured ORGANISATION_NAME for the
 * hosting organisation (as before organisations existed), else the partner's own name.
 */
export function organisationNameFor(db: Store, config: Pick<Config, 'ORGANISATION_NAME'>, organisationId: number): string {
  if (organisationId === HOSTING_ORGANISATION_ID) return config.ORGANISATION_NAME;
  return db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).get()?.name ?? config.ORGANISATION_NAME;
}
