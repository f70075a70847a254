/*
 * The journey designer's journeys: reading them with their touchpoints and answer counts, and
 * creating and changing them, each change in one transaction together with its audit line.
 */
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { audit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db, Store, Tx } from '../db/client';
import { answers, HOSTING_ORGANISATION_ID, type Journey, journeyCaseTypes, journeys, touchpoints } from '../db/schema';
import { nl } from '../texts';
import { type TouchpointWithQuestions, withQuestions } from './touchpoint-questions';
import { slugify } from '../slugs';
import { caseTypeLines, type FormErrors, type FormResult, type JourneyForm, journeyFormFields, parseJourneyForm, uniqueSlug } from './designer-forms';

const t = nl.journeyDesigner;


/** Who makes a change and from where: what the audit line records. */
export interface ChangedBy {
  actor: { userId: number | null; label: string };
  origin: string | null;
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────

export interface DesignerTouchpoint extends TouchpointWithQuestions {
  /** Answers stored against this touchpoint (all time). */
  answers: number;
}

export interface DesignerJourney {
  journey: Journey;
  caseTypes: string[];
  /** Active touchpoints in survey order. */
  active: DesignerTouchpoint[];
  archived: DesignerTouchpoint[];
}

export interface JourneySummary {
  journey: Journey;
  caseTypes: string[];
  active: number;
  archived: number;
}

/** The case types with which the organisation's own system triggers the journey (a chain journey's partners have theirs). */
function caseTypesOf(store: Store, journeyId: number, organisationId: number): string[] {
  return store
    .select({ caseType: journeyCaseTypes.caseType })
    .from(journeyCaseTypes)
    .where(and(eq(journeyCaseTypes.journeyId, journeyId), eq(journeyCaseTypes.organisationId, organisationId)))
    .orderBy(asc(journeyCaseTypes.caseType))
    .all()
    .map((row) => row.caseType);
}

/** Every journey of the organisation with its own case types and how many touchpoints are active and archived. */
export function listJourneySummaries(db: Db, organisationId: number = HOSTING_ORGANISATION_ID): JourneySummary[] {
  const all = db.select().from(journeys).where(eq(journeys.organisationId, organisationId)).orderBy(asc(journeys.name)).all();
  const caseTypes = new Map<number, string[]>();
  for (const row of db.select().from(journeyCaseTypes).where(eq(journeyCaseTypes.organisationId, organisationId)).orderBy(asc(journeyCaseTypes.caseType)).all()) {
    caseTypes.set(row.journeyId, [...(caseTypes.get(row.journeyId) ?? []), row.caseType]);
  }
  const counts = db
    .select({ journeyId: touchpoints.journeyId, archived: sql<number>`${touchpoints.archivedAt} IS NOT NULL`.mapWith(Boolean), n: count() })
    .from(touchpoints)
    .groupBy(touchpoints.journeyId, sql`${touchpoints.archivedAt} IS NOT NULL`)
    .all();
  const countOf = (journeyId: number, archived: boolean) => counts.find((row) => row.journeyId === journeyId && row.archived === archived)?.n ?? 0;
  return all.map((journey) => ({
    journey,
    caseTypes: caseTypes.get(journey.id) ?? [],
    active: countOf(journey.id, false),
    archived: countOf(journey.id, true),
  }));
}

/**
 * A journey with all its touchpoints (active in order, then archived) and their answer counts;
 * with an organisation, only when it is that organisation's (an id from an address).
 */
export function loadDesignerJourney(db: Db, journeyId: number, organisationId?: number): DesignerJourney | undefined {
  const journey = db.select().from(journeys).where(eq(journeys.id, journeyId)).get();
  if (!journey || (organisationId !== undefined && journey.organisationId !== organisationId)) return undefined;
  const rows = db.select().from(touchpoints).where(eq(touchpoints.journeyId, journeyId)).orderBy(asc(touchpoints.position), asc(touchpoints.id)).all();
  const answerCounts = new Map(
    rows.length === 0
      ? []
      : db
          .select({ touchpointId: answers.touchpointId, n: count() })
          .from(answers)
          .where(
            inArray(
              answers.touchpointId,
              rows.map((row) => row.id),
            ),
          )
          .groupBy(answers.touchpointId)
          .all()
          .map((row) => [row.touchpointId, row.n]),
  );
  const withCounts = withQuestions(db, rows).map((row) => ({ ...row, answers: answerCounts.get(row.id) ?? 0 }));
  return {
    journey,
    caseTypes: caseTypesOf(db, journeyId, journey.organisationId),
    active: withCounts.filter((row) => row.archivedAt === null),
    archived: withCounts.filter((row) => row.archivedAt !== null).sort((a, b) => a.name.localeCompare(b.name, 'nl')),
  };
}

// ── Journeys ───────────────────────────────────────────────────────────────────────────────

export type ChangeResult<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

/** An organisation's case types among these that start another journey than `journeyId` (case types are unique per organisation). */
export function caseTypeConflicts(store: Store, caseTypes: string[], organisationId: number, journeyId?: number) {
  if (caseTypes.length === 0) return [];
  return store
    .select({ caseType: journeyCaseTypes.caseType, journeyName: journeys.name })
    .from(journeyCaseTypes)
    .innerJoin(journeys, eq(journeys.id, journeyCaseTypes.journeyId))
    .where(
      and(
        eq(journeyCaseTypes.organisationId, organisationId),
        inArray(journeyCaseTypes.caseType, caseTypes),
        journeyId === undefined ? undefined : ne(journeyCaseTypes.journeyId, journeyId),
      ),
    )
    .orderBy(asc(journeyCaseTypes.caseType))
    .all();
}

function caseTypeError(store: Store, caseTypes: string[], organisationId: number, journeyId?: number): string | undefined {
  const conflicts = caseTypeConflicts(store, caseTypes, organisationId, journeyId);
  return conflicts.length ? conflicts.map((row) => t.errors.caseTypeTaken(row.caseType, row.journeyName)).join(' ') : undefined;
}

/** Replaces one organisation's case types of the journey; the other organisations' (a chain's partners) stay. */
export function setCaseTypes(tx: Tx, journeyId: number, organisationId: number, caseTypes: string[]) {
  tx.delete(journeyCaseTypes).where(and(eq(journeyCaseTypes.journeyId, journeyId), eq(journeyCaseTypes.organisationId, organisationId))).run();
  for (const caseType of caseTypes) tx.insert(journeyCaseTypes).values({ organisationId, caseType, journeyId }).run();
}

/**
 * Validates a journey form and also checks, even when other fields are wrong, what only the
 * database knows (a case type of another journey, a slug in use): every problem at once.
 * The change itself checks these again in its transaction.
 */
export function checkJourneyForm(db: Db, body: Record<string, unknown>, journeyId?: number, organisationId: number = HOSTING_ORGANISATION_ID): FormResult<JourneyForm> {
  const form = parseJourneyForm(body);
  const errors: FormErrors = form.ok ? {} : { ...form.errors };
  if (!errors.caseTypes) {
    const caseTypes = caseTypeLines.safeParse(form.values.caseTypes);
    const conflict = caseTypes.success ? caseTypeError(db, caseTypes.data, organisationId, journeyId) : undefined;
    if (conflict) errors.caseTypes = conflict;
  }
  const slug = form.values.slug?.trim();
  if (journeyId === undefined && slug && !errors.slug && slugTaken(db, organisationId, slug)) {
    errors.slug = t.errors.slugTaken(slug);
  }
  if (Object.keys(errors).length === 0 && form.ok) return form;
  // In form order, as the error summary lists them.
  const ordered: FormErrors = {};
  for (const field of journeyFormFields) if (errors[field]) ordered[field] = errors[field];
  return { ok: false, values: form.values, errors: ordered };
}

/** Whether the organisation has a journey with this slug (slugs are unique per organisation). */
const slugTaken = (store: Store, organisationId: number, slug: string) =>
  Boolean(store.select({ id: journeys.id }).from(journeys).where(and(eq(journeys.organisationId, organisationId), eq(journeys.slug, slug))).get());

/** Creates an organisation's journey (without touchpoints yet); its slug is the given one or made from the name. */
export function createJourney(db: Db, clock: Clock, by: ChangedBy, form: JourneyForm, organisationId: number = HOSTING_ORGANISATION_ID): ChangeResult<Journey> {
  return db.transaction((tx) => {
    const now = clock.now();
    const errors: FormErrors = {};
    const taken = new Set(tx.select({ slug: journeys.slug }).from(journeys).where(eq(journeys.organisationId, organisationId)).all().map((row) => row.slug));
    if (form.slug && taken.has(form.slug)) errors.slug = t.errors.slugTaken(form.slug);
    const conflict = caseTypeError(tx, form.caseTypes, organisationId);
    if (conflict) errors.caseTypes = conflict;
    if (Object.keys(errors).length) return { ok: false, errors };

    const slug = form.slug || uniqueSlug(slugify(form.name, 'klantreis'), taken);
    const journey = tx
      .insert(journeys)
      .values({ organisationId, slug, name: form.name, type: form.type, lifeEvent: form.lifeEvent, description: form.description, publicResults: form.publicResults, createdAt: now })
      .returning()
      .get();
    setCaseTypes(tx, journey.id, organisationId, form.caseTypes);
    audit(tx, now, {
      action: 'journey.created',
      object: slug,
      result: 'success',
      ...by,
      details: { name: form.name, type: form.type, caseTypes: form.caseTypes.join(', '), publicResults: form.publicResults },
    });
    return { ok: true, value: journey };
  });
}

/** Changes a journey's name, type, life event, description and case types; its slug stays. */
export function updateJourney(db: Db, clock: Clock, by: ChangedBy, journeyId: number, form: JourneyForm): ChangeResult<Journey> | undefined {
  return db.transaction((tx) => {
    const now = clock.now();
    const before = tx.select().from(journeys).where(eq(journeys.id, journeyId)).get();
    if (!before) return undefined;
    const conflict = caseTypeError(tx, form.caseTypes, before.organisationId, journeyId);
    if (conflict) return { ok: false, errors: { caseTypes: conflict } };

    const caseTypesBefore = caseTypesOf(tx, journeyId, before.organisationId);
    const changed = [
      before.name !== form.name && 'name',
      before.type !== form.type && 'type',
      before.lifeEvent !== form.lifeEvent && 'lifeEvent',
      before.description !== form.description && 'description',
      before.publicResults !== form.publicResults && 'publicResults',
      caseTypesBefore.join('\n') !== [...form.caseTypes].sort().join('\n') && 'caseTypes',
    ].filter((field): field is string => Boolean(field));
    const journey = tx
      .update(journeys)
      .set({ name: form.name, type: form.type, lifeEvent: form.lifeEvent, description: form.description, publicResults: form.publicResults, updatedAt: now })
      .where(eq(journeys.id, journeyId))
      .returning()
      .get();
    setCaseTypes(tx, journeyId, before.organisationId, form.caseTypes);
    audit(tx, now, {
      action: 'journey.updated',
      object: before.slug,
      result: 'success',
      ...by,
      details: { changed: changed.join(', ') || 'niets', caseTypes: form.caseTypes.join(', ') },
    });
    return { ok: true, value: journey };
  });
}
