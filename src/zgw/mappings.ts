import { and, asc, eq } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { HOSTING_ORGANISATION_ID, journeys, touchpoints, zgwMappings, type Journey, type Touchpoint, type ZgwMappingKind } from '../db/schema';
import { findMappingTarget, mappingTargetColumns } from '../journeys/journeys';
import { nl } from '../texts';

const t = nl.zgw.mapErrors;
export const MAPPING_KEY_MAX = 500;

export class MappingError extends Error {
  constructor(
    readonly field: 'key' | 'journey' | 'touchpoint',
    message: string,
  ) {
    super(message);
  }
}

const isHttpUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** URLs compare without a trailing slash; identificaties as given; onderwerpen trimmed and in lower case. */
export const normaliseUrl = (url: string) => url.trim().replace(/\/+$/, '');
export const normaliseOnderwerp = (onderwerp: string) => onderwerp.trim().replace(/\s+/g, ' ').toLowerCase();

/** `--zaaktype` takes a URL (one version) or an identificatie (all versions of the zaaktype). */
export function zaaktypeKey(value: string): { kind: ZgwMappingKind; key: string } {
  const trimmed = value.trim();
  return isHttpUrl(trimmed) ? { kind: 'zaaktype-url', key: normaliseUrl(trimmed) } : { kind: 'zaaktype-identificatie', key: trimmed };
}

export interface MappingRow {
  id: number;
  kind: ZgwMappingKind;
  key: string;
  journeySlug: string;
  journeyName: string;
  touchpointSlug: string | null;
  touchpointName: string | null;
}

/** An organisation's mappings (each leads to one of its own journeys). */
export function listMappings(db: Db, organisationId: number = HOSTING_ORGANISATION_ID): MappingRow[] {
  return db
    .select({
      id: zgwMappings.id,
      kind: zgwMappings.kind,
      key: zgwMappings.key,
      ...mappingTargetColumns,
    })
    .from(zgwMappings)
    .innerJoin(journeys, eq(journeys.id, zgwMappings.journeyId))
    .leftJoin(touchpoints, eq(touchpoints.id, zgwMappings.touchpointId))
    .where(eq(zgwMappings.organisationId, organisationId))
    .orderBy(asc(zgwMappings.kind), asc(zgwMappings.key))
    .all();
}

/**
 * Maps a zaaktype (`kind` zaaktype) or an Open Klant onderwerp to a journey and optionally one
 * of its active touchpoints of the organisation, replacing the organisation's earlier mapping of the same key.
 */
export function saveMapping(
  db: Db,
  clock: Clock,
  input: { kind: 'zaaktype' | 'onderwerp'; value: string; journey: string; touchpoint?: string },
  organisationId: number = HOSTING_ORGANISATION_ID,
): { id: number; kind: ZgwMappingKind; key: string; journey: Journey; touchpoint?: Touchpoint; replaced: boolean } {
  const raw = input.value.trim();
  if (!raw) throw new MappingError('key', t.key);
  if (raw.length > MAPPING_KEY_MAX) throw new MappingError('key', t.keyTooLong(MAPPING_KEY_MAX));
  const { kind, key } = input.kind === 'zaaktype' ? zaaktypeKey(raw) : { kind: 'onderwerp' as const, key: normaliseOnderwerp(raw) };
  const target = findMappingTarget(db, input, organisationId);
  if ('field' in target) throw new MappingError(target.field, target.message);
  const { journey, touchpoint } = target;
  const existing = db.select({ id: zgwMappings.id }).from(zgwMappings).where(keyOf(organisationId, kind, key)).get();
  const values = { journeyId: journey.id, touchpointId: touchpoint?.id ?? null };
  const row = db
    .insert(zgwMappings)
    .values({ organisationId, kind, key, ...values, createdAt: clock.now() })
    .onConflictDoUpdate({ target: [zgwMappings.organisationId, zgwMappings.kind, zgwMappings.key], set: values })
    .returning({ id: zgwMappings.id })
    .get();
  return { id: row.id, kind, key, journey, touchpoint, replaced: Boolean(existing) };
}

const keyOf = (organisationId: number, kind: ZgwMappingKind, key: string) =>
  and(eq(zgwMappings.organisationId, organisationId), eq(zgwMappings.kind, kind), eq(zgwMappings.key, key));

/** One of the organisation's mappings; undefined for another organisation's. */
export function findMappingById(db: Db, id: number, organisationId: number = HOSTING_ORGANISATION_ID): MappingRow | undefined {
  return listMappings(db, organisationId).find((mapping) => mapping.id === id);
}

export function deleteMapping(db: Db, id: number): boolean {
  return db.delete(zgwMappings).where(eq(zgwMappings.id, id)).run().changes === 1;
}

/** Removes the organisation's mapping of this zaaktype or onderwerp; false when there was none. */
export function deleteMappingByKey(db: Db, input: { kind: 'zaaktype' | 'onderwerp'; value: string }, organisationId: number = HOSTING_ORGANISATION_ID): boolean {
  const { kind, key } = input.kind === 'zaaktype' ? zaaktypeKey(input.value) : { kind: 'onderwerp' as const, key: normaliseOnderwerp(input.value) };
  return db.delete(zgwMappings).where(keyOf(organisationId, kind, key)).run().changes === 1;
}

export interface MappingTarget {
  journeyId: number;
  touchpointId: number | null;
}

function lookup(db: Db, organisationId: number, kind: ZgwMappingKind, key: string): MappingTarget | undefined {
  return db
    .select({ journeyId: zgwMappings.journeyId, touchpointId: zgwMappings.touchpointId })
    .from(zgwMappings)
    .where(keyOf(organisationId, kind, key))
    .get();
}

/** The organisation's mapping of a zaaktype URL, identificatie or onderwerp: a subscription only reaches its own organisation's journeys. */
export const mappingForZaaktypeUrl = (db: Db, organisationId: number, url: string) => lookup(db, organisationId, 'zaaktype-url', normaliseUrl(url));
export const mappingForIdentificatie = (db: Db, organisationId: number, identificatie: string) => lookup(db, organisationId, 'zaaktype-identificatie', identificatie.trim());
export const mappingForOnderwerp = (db: Db, organisationId: number, onderwerp: string) => lookup(db, organisationId, 'onderwerp', normaliseOnderwerp(onderwerp));

/** Whether the organisation maps any zaaktype by identificatie (only then is the zaaktype itself read). */
export function hasIdentificatieMappings(db: Db, organisationId: number): boolean {
  return Boolean(
    db
      .select({ id: zgwMappings.id })
      .from(zgwMappings)
      .where(and(eq(zgwMappings.organisationId, organisationId), eq(zgwMappings.kind, 'zaaktype-identificatie')))
      .get(),
  );
}
