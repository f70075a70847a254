import { and, asc, eq, inArray, isNull, ne, notInArray } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db, Store } from '../db/client';
import { ensureDefaultItems } from '../items/journey-items';
import { exportItems, importItems } from './designer-item-transfer';
import { HOSTING_ORGANISATION_ID, journeyCaseTypes, journeys, organisations, touchpoints, type Journey, type Touchpoint } from '../db/schema';
import { nl } from '../texts';
import type { JourneyDefinition } from './definition';
import { questionsOf, replaceQuestions, type TouchpointWithQuestions, withQuestions } from './touchpoint-questions';

const t = nl.journeyDesigner.mappingTarget;
const chainErrors = nl.chainDesigner.errors;

export class JourneyImportError extends Error {}

export interface JourneyWithTouchpoints {
  journey: Journey;
  touchpoints: Touchpoint[];
}

/**
 * Journeys belong to an organisation: every look-up here takes the organisation whose journeys it
 * searches (the hosting organisation when left out, as for the demo and the CLI's defaults).
 */

/**
 * Creates or updates an organisation's journey from its definition, matched by slug. Touchpoints are matched
 * by slug too, so answers stay tied to them through renames and reorders; touchpoints left out
 * are archived, not deleted.
 */
export function importJourney(
  db: Db,
  definition: JourneyDefinition,
  clock: Clock,
  organisationId: number = HOSTING_ORGANISATION_ID,
): { journeyId: number; created: boolean } {
  return db.transaction((tx) => {
    const now = clock.now();
    const existing = tx
      .select()
      .from(journeys)
      .where(and(eq(journeys.organisationId, organisationId), eq(journeys.slug, definition.slug)))
      .get();
    const fields = {
      name: definition.name,
      type: definition.type,
      lifeEvent: definition.lifeEvent ?? null,
      description: definition.description ?? null,
    };
    // A file without `chain` leaves an existing journey's flag as it is.
    const chain = definition.chain === undefined ? {} : { chain: definition.chain };
    const journeyId = existing
      ? tx.update(journeys).set({ ...fields, ...chain, updatedAt: now }).where(eq(journeys.id, existing.id)).returning().get().id
      : tx.insert(journeys).values({ ...fields, ...chain, organisationId, slug: definition.slug, createdAt: now }).returning().get().id;
    const organisationOf = organisationResolver(tx, organisationId);

    if (definition.caseTypes.length > 0) {
      const taken = tx
        .select({ caseType: journeyCaseTypes.caseType, slug: journeys.slug })
        .from(journeyCaseTypes)
        .innerJoin(journeys, eq(journeys.id, journeyCaseTypes.journeyId))
        .where(and(eq(journeyCaseTypes.organisationId, organisationId), inArray(journeyCaseTypes.caseType, definition.caseTypes)))
        .all()
        .filter((row) => row.slug !== definition.slug);
      if (taken.length > 0) {
        const list = taken.map((row) => `"${row.caseType}" (klantreis ${row.slug})`).join(', ');
        throw new JourneyImportError(`caseTypes: zaaktype hoort al bij een andere klantreis: ${list}`);
      }
    }
    // Only the organisation's own case types: a chain journey's partners keep theirs.
    tx.delete(journeyCaseTypes).where(and(eq(journeyCaseTypes.journeyId, journeyId), eq(journeyCaseTypes.organisationId, organisationId))).run();
    for (const caseType of definition.caseTypes) {
      tx.insert(journeyCaseTypes).values({ organisationId, caseType, journeyId }).run();
    }
    if (definition.partnerCaseTypes) importPartnerCaseTypes(tx, journeyId, organisationId, definition.partnerCaseTypes, organisationOf);

    definition.touchpoints.forEach((touchpoint, position) => {
      const values = {
        name: touchpoint.name,
        channel: touchpoint.channel,
        position,
        serviceNorm: touchpoint.serviceNorm ?? null,
        momentOfTruth: touchpoint.momentOfTruth,
        askedByDefault: touchpoint.askedByDefault,
        question: touchpoint.question ?? null,
        archivedAt: null,
        // Only a file that names the step's organisation changes its owner (null: the journey's own).
        ...(touchpoint.organisation === undefined ? {} : { ownerOrganisationId: organisationOf(touchpoint.organisation) }),
      };
      const { id } = tx
        .insert(touchpoints)
        .values({ ...values, journeyId, slug: touchpoint.slug })
        .onConflictDoUpdate({ target: [touchpoints.journeyId, touchpoints.slug], set: values })
        .returning({ id: touchpoints.id })
        .get();
      replaceQuestions(tx, id, touchpoint.questions ?? {});
    });
    const kept = definition.touchpoints.map((touchpoint) => touchpoint.slug);
    tx.update(touchpoints)
      .set({ archivedAt: now })
      .where(and(eq(touchpoints.journeyId, journeyId), notInArray(touchpoints.slug, kept), isNull(touchpoints.archivedAt)))
      .run();

    // A file without items (from before the item bank) leaves them; a new contact journey then asks "Is uw vraag beantwoord?".
    if (definition.items) {
      const problem = importItems(tx, journeyId, definition.items, activeTouchpoints(tx, journeyId), now);
      if (problem) throw new JourneyImportError(problem);
    } else ensureDefaultItems(tx, journeyId, now);

    return { journeyId, created: !existing };
  });
}

/** Resolves organisation slugs of a definition: null for the importing organisation itself; an unknown slug stops the import. */
function organisationResolver(store: Store, organisationId: number) {
  const bySlug = new Map(store.select({ id: organisations.id, slug: organisations.slug }).from(organisations).all().map((row) => [row.slug, row.id]));
  return (slug: string): number | null => {
    const id = bySlug.get(slug);
    if (id === undefined) throw new JourneyImportError(chainErrors.unknownOrganisation(slug));
    return id === organisationId ? null : id;
  };
}

/** Replaces the partners' case types of a chain journey with the file's (by organisation slug). */
function importPartnerCaseTypes(tx: Store, journeyId: number, organisationId: number, partnerCaseTypes: Record<string, string[]>, organisationOf: (slug: string) => number | null) {
  const rows = Object.entries(partnerCaseTypes).flatMap(([slug, caseTypes]) => {
    const partner = organisationOf(slug);
    if (partner === null) throw new JourneyImportError(`partnerCaseTypes: ${chainErrors.ownPartner(slug)}`);
    return caseTypes.map((caseType) => ({ organisationId: partner, caseType, journeyId, slug }));
  });
  tx.delete(journeyCaseTypes).where(and(eq(journeyCaseTypes.journeyId, journeyId), ne(journeyCaseTypes.organisationId, organisationId))).run();
  for (const row of rows) {
    const taken = tx
      .select({ journeyId: journeyCaseTypes.journeyId })
      .from(journeyCaseTypes)
      .where(and(eq(journeyCaseTypes.organisationId, row.organisationId), eq(journeyCaseTypes.caseType, row.caseType)))
      .get();
    if (taken) throw new JourneyImportError(`partnerCaseTypes.${row.slug}: zaaktype "${row.caseType}" start al een andere klantreis van deze organisatie`);
    tx.insert(journeyCaseTypes).values({ organisationId: row.organisationId, caseType: row.caseType, journeyId }).run();
  }
}

function activeTouchpoints(db: Store, journeyId: number): Touchpoint[] {
  return db
    .select()
    .from(touchpoints)
    .where(and(eq(touchpoints.journeyId, journeyId), isNull(touchpoints.archivedAt)))
    .orderBy(asc(touchpoints.position))
    .all();
}

export function findJourneyBySlug(db: Db, slug: string, organisationId: number = HOSTING_ORGANISATION_ID): JourneyWithTouchpoints | undefined {
  const journey = db
    .select()
    .from(journeys)
    .where(and(eq(journeys.organisationId, organisationId), eq(journeys.slug, slug)))
    .get();
  return journey && { journey, touchpoints: activeTouchpoints(db, journey.id) };
}

/** A mapping's target as listed: the journey's slug and name, and the touchpoint's when it has one (join both). */
export const mappingTargetColumns = {
  journeySlug: journeys.slug,
  journeyName: journeys.name,
  touchpointSlug: touchpoints.slug,
  touchpointName: touchpoints.name,
};

/**
 * What a mapping (appointment product, zaaktype, onderwerp) points at: the journey with this slug
 * and, when a touchpoint slug is given, that active touchpoint of it; or which of the two is
 * missing, with the message to show at that field.
 */
export function findMappingTarget(
  db: Db,
  input: { journey: string; touchpoint?: string },
  organisationId: number = HOSTING_ORGANISATION_ID,
): { journey: Journey; touchpoint?: Touchpoint } | { field: 'journey' | 'touchpoint'; message: string } {
  const journeySlug = input.journey.trim();
  const touchpointSlug = input.touchpoint?.trim();
  const journey = findJourneyBySlug(db, journeySlug, organisationId)?.journey;
  if (!journey) return { field: 'journey', message: t.journey(journeySlug) };
  if (!touchpointSlug) return { journey };
  const touchpoint = db
    .select()
    .from(touchpoints)
    .where(and(eq(touchpoints.journeyId, journey.id), eq(touchpoints.slug, touchpointSlug), isNull(touchpoints.archivedAt)))
    .get();
  return touchpoint ? { journey, touchpoint } : { field: 'touchpoint', message: t.touchpoint(touchpointSlug, journey.slug) };
}

/** The journey an organisation's case type triggers: its own, or a chain journey it is a partner in. */
export function findJourneyByCaseType(db: Db, caseType: string, organisationId: number = HOSTING_ORGANISATION_ID): JourneyWithTouchpoints | undefined {
  const row = db
    .select({ journey: journeys })
    .from(journeyCaseTypes)
    .innerJoin(journeys, eq(journeys.id, journeyCaseTypes.journeyId))
    .where(and(eq(journeyCaseTypes.organisationId, organisationId), eq(journeyCaseTypes.caseType, caseType)))
    .get();
  return row && { journey: row.journey, touchpoints: activeTouchpoints(db, row.journey.id) };
}

/** The journeys an organisation defines (its chain journeys included). */
export function listJourneys(db: Db, organisationId: number = HOSTING_ORGANISATION_ID): Journey[] {
  return db.select().from(journeys).where(eq(journeys.organisationId, organisationId)).orderBy(asc(journeys.name)).all();
}

/** Every journey of the organisation with the slugs and names of its touchpoints: what a product or a ZGW case type can lead to. */
export function journeyChoices(db: Db, organisationId: number = HOSTING_ORGANISATION_ID) {
  return listJourneys(db, organisationId).map((journey) => ({
    slug: journey.slug,
    name: journey.name,
    touchpoints: activeTouchpoints(db, journey.id).map((touchpoint) => ({ slug: touchpoint.slug, name: touchpoint.name })),
  }));
}

/** A "journey" or "journey/touchpoint" choice as slugs, when that journey (and touchpoint) exists. */
export function parseJourneyTarget(db: Db, value: string, organisationId: number = HOSTING_ORGANISATION_ID): { journey: string; touchpoint?: string } | undefined {
  const [journey = '', touchpoint, ...rest] = value.split('/');
  const target = journeyChoices(db, organisationId).find((choice) => choice.slug === journey);
  if (!target || rest.length > 0 || (touchpoint !== undefined && !target.touchpoints.some((tp) => tp.slug === touchpoint))) return undefined;
  return { journey, touchpoint };
}

export function exportJourney(db: Db, slug: string, organisationId: number = HOSTING_ORGANISATION_ID): JourneyDefinition | undefined {
  const found = findJourneyBySlug(db, slug, organisationId);
  if (!found) return undefined;
  const caseTypes = db
    .select({ caseType: journeyCaseTypes.caseType })
    .from(journeyCaseTypes)
    .where(and(eq(journeyCaseTypes.journeyId, found.journey.id), eq(journeyCaseTypes.organisationId, organisationId)))
    .orderBy(asc(journeyCaseTypes.caseType))
    .all()
    .map((row) => row.caseType);
  const { journey } = found;
  const items = exportItems(db, journey.id, found.touchpoints);
  const slugOf = new Map(db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).all().map((row) => [row.id, row.slug]));
  const partnerCaseTypes: Record<string, string[]> = {};
  if (journey.chain) {
    for (const row of db
      .select()
      .from(journeyCaseTypes)
      .where(and(eq(journeyCaseTypes.journeyId, journey.id), ne(journeyCaseTypes.organisationId, organisationId)))
      .orderBy(asc(journeyCaseTypes.organisationId), asc(journeyCaseTypes.caseType))
      .all()) {
      const slug = slugOf.get(row.organisationId)!;
      (partnerCaseTypes[slug] ??= []).push(row.caseType);
    }
  }
  const questions = questionsOf(
    db,
    found.touchpoints.map((touchpoint) => touchpoint.id),
  );
  return {
    slug: journey.slug,
    name: journey.name,
    type: journey.type,
    ...(journey.lifeEvent ? { lifeEvent: journey.lifeEvent } : {}),
    ...(journey.description ? { description: journey.description } : {}),
    caseTypes,
    ...(journey.chain ? { chain: true, ...(Object.keys(partnerCaseTypes).length > 0 ? { partnerCaseTypes } : {}) } : {}),
    touchpoints: found.touchpoints.map((touchpoint) => ({
      slug: touchpoint.slug,
      name: touchpoint.name,
      channel: touchpoint.channel,
      ...(touchpoint.serviceNorm ? { serviceNorm: touchpoint.serviceNorm } : {}),
      momentOfTruth: touchpoint.momentOfTruth,
      askedByDefault: touchpoint.askedByDefault,
      ...(touchpoint.question ? { question: touchpoint.question } : {}),
      ...(Object.keys(questions.get(touchpoint.id) ?? {}).length > 0 ? { questions: { ...questions.get(touchpoint.id) } } : {}),
      ...(journey.chain ? { organisation: slugOf.get(touchpoint.ownerOrganisationId ?? journey.organisationId)! } : {}),
    })),
    ...(items ? { items } : {}),
  };
}

/** These touchpoints in journey order, with their questions in other languages: what a survey page shows. */
export function touchpointsByIds(db: Db, ids: number[]): TouchpointWithQuestions[] {
  if (ids.length === 0) return [];
  return withQuestions(db, db.select().from(touchpoints).where(inArray(touchpoints.id, ids)).orderBy(asc(touchpoints.position)).all());
}

/** A journey by id; with an organisation, only when it is that organisation's (an id from an address). */
export function findJourneyById(db: Db, id: number, organisationId?: number): Journey | undefined {
  const journey = db.select().from(journeys).where(eq(journeys.id, id)).get();
  return journey && (organisationId === undefined || journey.organisationId === organisationId) ? journey : undefined;
}

export function findJourneyWithTouchpoints(db: Db, id: number, organisationId?: number): JourneyWithTouchpoints | undefined {
  const journey = findJourneyById(db, id, organisationId);
  return journey && { journey, touchpoints: activeTouchpoints(db, journey.id) };
}
