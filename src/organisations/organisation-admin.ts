/**
 * The organisations page's changes: a hosting administrator adds partner organisations; every
 * administrator changes only their own organisation's contacts and comparison choices. Each
 * change is one transaction with its audit line.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type AuditEntry } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { organisations, type Organisation } from '../db/schema';
import { nl } from '../texts';
import { findOrganisation, findOrganisationBySlug, organisationInputSchema } from './organisations';

const t = nl.organisationsAdmin;

/** Who makes a change and from where (as the journey designer's changes carry it). */
type ChangedBy = Pick<AuditEntry, 'actor' | 'origin'>;

export type FieldErrors = Record<string, string>;
export type OrganisationChange = { ok: true; organisation: Organisation } | { ok: false; values: Record<string, string>; errors: FieldErrors };

const text = (body: Record<string, unknown>, field: string) => (typeof body[field] === 'string' ? (body[field] as string) : '');

/** The first message per field, in Dutch. */
function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

export const newOrganisationFields = ['name', 'slug', 'citizenContact', 'privacyContact'] as const;

/** Adds a partner organisation from the form (hosting administrators only: the route checks). */
export function addPartnerOrganisation(db: Db, clock: Clock, by: ChangedBy, body: Record<string, unknown>): OrganisationChange {
  const values = Object.fromEntries(newOrganisationFields.map((field) => [field, text(body, field)]));
  const parsed = organisationInputSchema.safeParse(values);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const slug = values.slug!.trim().toLowerCase();
  if (!errors.slug && findOrganisationBySlug(db, slug)) errors.slug = t.errors.slugTaken(slug);
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, values, errors };
  return db.transaction((tx) => {
    const now = clock.now();
    const organisation = tx
      .insert(organisations)
      .values({ ...parsed.data, citizenContact: parsed.data.citizenContact ?? null, privacyContact: parsed.data.privacyContact ?? null, createdAt: now })
      .returning()
      .get();
    audit(tx, now, { action: 'organisation.created', object: organisation.slug, result: 'success', ...by, details: { name: organisation.name } });
    return { ok: true, organisation };
  });
}

const settingsSchema = organisationInputSchema.pick({ citizenContact: true, privacyContact: true }).extend({
  comparisonOptIn: z.boolean(),
  comparisonNamed: z.boolean(),
});

export const organisationSettingsFields = ['citizenContact', 'privacyContact'] as const;
export const organisationSettingsCheckboxes = ['comparisonOptIn', 'comparisonNamed'] as const;

/** An organisation's form values as stored. */
export function organisationSettingsValues(organisation: Organisation): Record<string, string> {
  return {
    citizenContact: organisation.citizenContact ?? '',
    privacyContact: organisation.privacyContact ?? '',
    comparisonOptIn: organisation.comparisonOptIn ? 'on' : '',
    comparisonNamed: organisation.comparisonNamed ? 'on' : '',
  };
}

/**
 * Changes an organisation's contacts and comparison choices. Undefined when the organisation does
 * not exist; the route passes only the administrator's own organisation.
 */
export function updateOrganisationSettings(db: Db, clock: Clock, by: ChangedBy, organisationId: number, body: Record<string, unknown>): OrganisationChange | undefined {
  const before = findOrganisation(db, organisationId);
  if (!before) return undefined;
  const values: Record<string, string> = Object.fromEntries(organisationSettingsFields.map((field) => [field, text(body, field)]));
  for (const field of organisationSettingsCheckboxes) values[field] = body[field] === 'on' ? 'on' : '';
  const parsed = settingsSchema.safeParse({ ...values, comparisonOptIn: values.comparisonOptIn === 'on', comparisonNamed: values.comparisonNamed === 'on' });
  if (!parsed.success) return { ok: false, values, errors: fieldErrors(parsed.error) };
  const after = {
    citizenContact: parsed.data.citizenContact ?? null,
    privacyContact: parsed.data.privacyContact ?? null,
    comparisonOptIn: parsed.data.comparisonOptIn,
    comparisonNamed: parsed.data.comparisonNamed,
  };
  return db.transaction((tx) => {
    const now = clock.now();
    const organisation = tx.update(organisations).set({ ...after, updatedAt: now }).where(eq(organisations.id, organisationId)).returning().get();
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((field) => before[field] !== after[field]);
    audit(tx, now, {
      action: 'organisation.updated',
      object: before.slug,
      result: 'success',
      ...by,
      details: { changed: changed.join(', ') || 'niets', comparisonOptIn: after.comparisonOptIn, comparisonNamed: after.comparisonNamed },
    });
    return { ok: true, organisation };
  });
}
