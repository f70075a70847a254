/*
 * A chain journey (ketenreis) in the journey designer: the flag, each step's owner organisation
 * and, per partner organisation, the case types with which that partner's system triggers the
 * survey (journey_case_types rows with the partner's organisation_id, so an event with the
 * partner's key finds the journey). Changed in one transaction with its audit line.
 */
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { audit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db, Store } from '../db/client';
import { journeyCaseTypes, journeys, touchpoints, type Journey, type Organisation } from '../db/schema';
import { listOrganisations } from '../organisations/organisations';
import { nl } from '../texts';
import { caseTypeLines, type FormErrors, type FormResult, type FormValues } from './designer-forms';
import { caseTypeConflicts, setCaseTypes, type ChangedBy, type ChangeResult, type DesignerJourney } from './designer-journeys';

const t = nl.chainDesigner;

export const ownerField = (touchpointId: number) => `owner-${touchpointId}`;
export const partnerCaseTypesField = (organisationSlug: string) => `caseTypes-${organisationSlug}`;

export interface ChainForm {
  chain: boolean;
  /** Each active step's owner; null is the journey's own organisation. */
  owners: Map<number, number | null>;
  /** Per partner organisation (by id), its case types. */
  partnerCaseTypes: Map<number, string[]>;
}

/** The partner case types of a journey, by organisation id (the journey's own left out). */
export function partnerCaseTypesOf(store: Store, journey: Pick<Journey, 'id' | 'organisationId'>): Map<number, string[]> {
  const rows = store
    .select()
    .from(journeyCaseTypes)
    .where(and(eq(journeyCaseTypes.journeyId, journey.id), ne(journeyCaseTypes.organisationId, journey.organisationId)))
    .orderBy(asc(journeyCaseTypes.caseType))
    .all();
  const byOrganisation = new Map<number, string[]>();
  for (const row of rows) byOrganisation.set(row.organisationId, [...(byOrganisation.get(row.organisationId) ?? []), row.caseType]);
  return byOrganisation;
}

/** The chain form's values as stored. */
export function chainValues(store: Store, data: DesignerJourney, all: Organisation[]): FormValues {
  const { journey } = data;
  const values: FormValues = { chain: journey.chain ? 'on' : '' };
  for (const touchpoint of data.active) values[ownerField(touchpoint.id)] = String(touchpoint.ownerOrganisationId ?? journey.organisationId);
  const partners = partnerCaseTypesOf(store, journey);
  for (const organisation of all) {
    if (organisation.id !== journey.organisationId) values[partnerCaseTypesField(organisation.slug)] = (partners.get(organisation.id) ?? []).join('\n');
  }
  return values;
}

/** Validates the chain form (pure): owners from the list of organisations, case types per partner as in the journey form. */
export function parseChainForm(body: Record<string, unknown>, data: DesignerJourney, all: Organisation[]): FormResult<ChainForm> {
  const text = (field: string) => (typeof body[field] === 'string' ? (body[field] as string) : '');
  const values: FormValues = { chain: body.chain === 'on' ? 'on' : '' };
  const errors: FormErrors = {};
  const owners = new Map<number, number | null>();
  const known = new Set(all.map((organisation) => organisation.id));
  for (const touchpoint of data.active) {
    const field = ownerField(touchpoint.id);
    values[field] = text(field) || String(data.journey.organisationId);
    const id = Number(values[field]);
    if (!/^\d+$/.test(values[field]!) || !known.has(id)) errors[field] = t.errors.owner;
    else owners.set(touchpoint.id, id === data.journey.organisationId ? null : id);
  }
  const partnerCaseTypes = new Map<number, string[]>();
  for (const organisation of all) {
    if (organisation.id === data.journey.organisationId) continue;
    const field = partnerCaseTypesField(organisation.slug);
    values[field] = text(field);
    const parsed = caseTypeLines.safeParse(values[field]);
    if (!parsed.success) errors[field] = parsed.error.issues[0]!.message;
    else if (parsed.data.length > 0) partnerCaseTypes.set(organisation.id, parsed.data);
  }
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return { ok: true, values, data: { chain: values.chain === 'on', owners, partnerCaseTypes } };
}

/** A partner's case types that already start another journey for that partner, as field errors. */
function partnerConflicts(store: Store, journeyId: number, partnerCaseTypes: Map<number, string[]>, all: Organisation[]): FormErrors {
  const errors: FormErrors = {};
  for (const organisation of all) {
    const conflicts = caseTypeConflicts(store, partnerCaseTypes.get(organisation.id) ?? [], organisation.id, journeyId);
    if (conflicts.length > 0) errors[partnerCaseTypesField(organisation.slug)] = conflicts.map((row) => t.errors.caseTypeTaken(row.caseType, organisation.name)).join(' ');
  }
  return errors;
}

/** Checks what only the database knows (a partner's case type of another journey), so the page shows every problem at once. */
export function checkChainForm(db: Db, body: Record<string, unknown>, data: DesignerJourney): FormResult<ChainForm> {
  const all = listOrganisations(db);
  const form = parseChainForm(body, data, all);
  if (!form.ok) return form;
  const errors = partnerConflicts(db, data.journey.id, form.data.partnerCaseTypes, all);
  return Object.keys(errors).length > 0 ? { ok: false, values: form.values, errors } : form;
}

/**
 * Stores the chain settings. Turning the chain off gives every step back to the journey's own
 * organisation and removes the partners' case types: their events no longer start this journey.
 */
export function updateChain(db: Db, clock: Clock, by: ChangedBy, journeyId: number, form: ChainForm): ChangeResult<Journey> | undefined {
  return db.transaction((tx) => {
    const before = tx.select().from(journeys).where(eq(journeys.id, journeyId)).get();
    if (!before) return undefined;
    const all = listOrganisations(tx);
    const partnerCaseTypes = form.chain ? form.partnerCaseTypes : new Map<number, string[]>();
    const errors = partnerConflicts(tx, journeyId, partnerCaseTypes, all);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const now = clock.now();
    const journey = tx.update(journeys).set({ chain: form.chain, updatedAt: now }).where(eq(journeys.id, journeyId)).returning().get();
    const active = tx.select().from(touchpoints).where(and(eq(touchpoints.journeyId, journeyId), isNull(touchpoints.archivedAt))).orderBy(asc(touchpoints.position)).all();
    for (const touchpoint of active) {
      const owner = form.chain ? (form.owners.get(touchpoint.id) ?? null) : null;
      if (owner !== touchpoint.ownerOrganisationId) tx.update(touchpoints).set({ ownerOrganisationId: owner }).where(eq(touchpoints.id, touchpoint.id)).run();
    }
    for (const organisation of all) {
      if (organisation.id !== before.organisationId) setCaseTypes(tx, journeyId, organisation.id, partnerCaseTypes.get(organisation.id) ?? []);
    }
    const slugOf = new Map(all.map((organisation) => [organisation.id, organisation.slug]));
    audit(tx, now, {
      action: 'journey.chain-updated',
      object: before.slug,
      result: 'success',
      ...by,
      details: {
        chain: form.chain,
        owners: active.map((touchpoint) => `${touchpoint.slug}=${slugOf.get((form.chain ? form.owners.get(touchpoint.id) : null) ?? before.organisationId)}`).join(', '),
        partnerCaseTypes: [...partnerCaseTypes].map(([id, caseTypes]) => `${slugOf.get(id)}: ${caseTypes.join(' ')}`).join('; ') || null,
      },
    });
    return { ok: true, value: journey };
  });
}

/** What the chain form shows: a select per active step and a case-type field per partner, and the organisations to choose from. */
export function chainFormLayout(data: DesignerJourney, all: Organisation[]) {
  return {
    options: all.map((organisation) => ({ value: String(organisation.id), label: organisation.name })),
    owners: data.active.map((touchpoint) => ({ name: ownerField(touchpoint.id), label: t.owner(touchpoint.name) })),
    partners: all.filter((organisation) => organisation.id !== data.journey.organisationId).map((organisation) => ({ name: partnerCaseTypesField(organisation.slug), label: t.partnerCaseTypes(organisation.name) })),
  };
}
export type ChainFormLayout = ReturnType<typeof chainFormLayout>;
