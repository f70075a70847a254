import { and, asc, count, eq, gt, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db, Store, Tx } from '../db/client';
import {
  answers,
  channels,
  improvementActions,
  invitations,
  journeyCaseTypes,
  journeys,
  journeyTypes,
  touchpoints,
  type Journey,
  type Touchpoint,
} from '../db/schema';
import { nl } from '../texts';
import {
  definitionJson,
  formatIssues,
  journeyDefinitionSchema,
  MAX_CASE_TYPES,
  MAX_TOUCHPOINTS,
  SLUG_PATTERN,
  type JourneyDefinition,
} from './definition';
import { exportJourney, importJourney, JourneyImportError } from './journeys';

/*
 * The journey designer's logic: form parsing (pure) and the changes to journeys and
 * touchpoints, each in one transaction together with its audit line. History stays true:
 * answers point at touchpoint ids, so renames and reorders never touch them; a touchpoint
 * with answers can be archived, never deleted; slugs never change once made.
 */

const t = nl.journeyDesigner;


/** Who makes a change and from where: what the audit line records. */
export interface ChangedBy {
  actor: { userId: number | null; label: string };
  origin: string | null;
}

// ── Slugs ──────────────────────────────────────────────────────────────────────────────────

/** A slug from a name: "Aanvraag aan de balie" → "aanvraag-aan-de-balie"; accents dropped. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 72)
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}

/** The slug itself when free, otherwise the first free "slug-2", "slug-3", … */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

// ── Forms (pure) ───────────────────────────────────────────────────────────────────────────

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; values: FormValues; errors: FormErrors };

const tooLong = (max: number) => t.errors.tooLong(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, tooLong(max))
    .transform((text) => (text === '' ? null : text));
const checkbox = z.string().transform((value) => value === 'on');

/** One case type per line; blank lines ignored; each at most 120 characters, none twice. */
const caseTypeLines = z.string().transform((text, ctx) => {
  const list = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const long = list.find((caseType) => caseType.length > 120);
  if (long) {
    ctx.addIssue({ code: 'custom', message: t.errors.caseTypeTooLong(`${long.slice(0, 40)}…`) });
    return z.NEVER;
  }
  if (list.length > MAX_CASE_TYPES) {
    ctx.addIssue({ code: 'custom', message: t.errors.tooManyCaseTypes });
    return z.NEVER;
  }
  const twice = list.find((caseType, index) => list.indexOf(caseType) !== index);
  if (twice) {
    ctx.addIssue({ code: 'custom', message: t.errors.caseTypeTwice(twice) });
    return z.NEVER;
  }
  return list;
});

export const journeyFormSchema = z.object({
  name: z.string().trim().min(1, t.errors.nameRequired).max(120, tooLong(120)),
  slug: z
    .string()
    .trim()
    .max(80, tooLong(80))
    .refine((slug) => slug === '' || SLUG_PATTERN.test(slug), t.errors.slug),
  type: z.enum(journeyTypes, { error: t.errors.type }),
  lifeEvent: optionalText(120),
  description: optionalText(2000),
  caseTypes: caseTypeLines,
});
export type JourneyForm = z.output<typeof journeyFormSchema>;
export const journeyFormFields = ['name', 'slug', 'type', 'lifeEvent', 'description', 'caseTypes'] as const;

export const touchpointFormSchema = z.object({
  touchpointName: z.string().trim().min(1, t.errors.touchpointNameRequired).max(120, tooLong(120)),
  channel: z.enum(channels, { error: t.errors.channel }),
  serviceNorm: optionalText(200),
  momentOfTruth: checkbox,
  askedByDefault: checkbox,
  question: optionalText(200),
  questionEn: optionalText(200),
});
export type TouchpointForm = z.output<typeof touchpointFormSchema>;
export const touchpointFormFields = ['touchpointName', 'channel', 'serviceNorm', 'question', 'questionEn'] as const;
export const touchpointCheckboxes = ['momentOfTruth', 'askedByDefault'] as const;

/**
 * Validates a submitted form: the values to re-render (strings; anything else — a file, a
 * repeated field — counts as empty) and the first error per field, in form order.
 */
function parseForm<S extends z.ZodType>(schema: S, body: Record<string, unknown>, fields: readonly string[], checkboxes: readonly string[] = []): FormResult<z.output<S>> {
  const values: FormValues = {};
  for (const field of fields) values[field] = typeof body[field] === 'string' ? (body[field] as string) : '';
  for (const field of checkboxes) values[field] = body[field] === 'on' ? 'on' : '';
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FormErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { ok: false, values, errors };
}

export const parseJourneyForm = (body: Record<string, unknown>) => parseForm(journeyFormSchema, body, journeyFormFields);
export const parseTouchpointForm = (body: Record<string, unknown>) => parseForm(touchpointFormSchema, body, touchpointFormFields, touchpointCheckboxes);

/** A journey's form values as stored. */
export function journeyValues(journey: Journey, caseTypes: string[]): FormValues {
  return {
    name: journey.name,
    slug: journey.slug,
    type: journey.type,
    lifeEvent: journey.lifeEvent ?? '',
    description: journey.description ?? '',
    caseTypes: caseTypes.join('\n'),
  };
}

/** A touchpoint's form values as stored (a new one: asked by default). */
export function touchpointValues(touchpoint?: Touchpoint): FormValues {
  if (!touchpoint) return { touchpointName: '', channel: '', serviceNorm: '', momentOfTruth: '', askedByDefault: 'on', question: '', questionEn: '' };
  return {
    touchpointName: touchpoint.name,
    channel: touchpoint.channel,
    serviceNorm: touchpoint.serviceNorm ?? '',
    momentOfTruth: touchpoint.momentOfTruth ? 'on' : '',
    askedByDefault: touchpoint.askedByDefault ? 'on' : '',
    question: touchpoint.question ?? '',
    questionEn: touchpoint.questionEn ?? '',
  };
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────

export interface DesignerTouchpoint extends Touchpoint {
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

function caseTypesOf(store: Store, journeyId: number): string[] {
  return store
    .select({ caseType: journeyCaseTypes.caseType })
    .from(journeyCaseTypes)
    .where(eq(journeyCaseTypes.journeyId, journeyId))
    .orderBy(asc(journeyCaseTypes.caseType))
    .all()
    .map((row) => row.caseType);
}

/** Every journey with its case types and how many touchpoints are active and archived. */
export function listJourneySummaries(db: Db): JourneySummary[] {
  const all = db.select().from(journeys).orderBy(asc(journeys.name)).all();
  const caseTypes = new Map<number, string[]>();
  for (const row of db.select().from(journeyCaseTypes).orderBy(asc(journeyCaseTypes.caseType)).all()) {
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

/** A journey with all its touchpoints (active in order, then archived) and their answer counts. */
export function loadDesignerJourney(db: Db, journeyId: number): DesignerJourney | undefined {
  const journey = db.select().from(journeys).where(eq(journeys.id, journeyId)).get();
  if (!journey) return undefined;
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
  const withCounts = rows.map((row) => ({ ...row, answers: answerCounts.get(row.id) ?? 0 }));
  return {
    journey,
    caseTypes: caseTypesOf(db, journeyId),
    active: withCounts.filter((row) => row.archivedAt === null),
    archived: withCounts.filter((row) => row.archivedAt !== null).sort((a, b) => a.name.localeCompare(b.name, 'nl')),
  };
}

// ── Journeys ───────────────────────────────────────────────────────────────────────────────

export type ChangeResult<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

/** Case types among these that start another journey than `journeyId`. */
function caseTypeConflicts(store: Store, caseTypes: string[], journeyId?: number) {
  if (caseTypes.length === 0) return [];
  return store
    .select({ caseType: journeyCaseTypes.caseType, journeyName: journeys.name })
    .from(journeyCaseTypes)
    .innerJoin(journeys, eq(journeys.id, journeyCaseTypes.journeyId))
    .where(and(inArray(journeyCaseTypes.caseType, caseTypes), journeyId === undefined ? undefined : ne(journeyCaseTypes.journeyId, journeyId)))
    .orderBy(asc(journeyCaseTypes.caseType))
    .all();
}

function caseTypeError(store: Store, caseTypes: string[], journeyId?: number): string | undefined {
  const conflicts = caseTypeConflicts(store, caseTypes, journeyId);
  return conflicts.length ? conflicts.map((row) => t.errors.caseTypeTaken(row.caseType, row.journeyName)).join(' ') : undefined;
}

function setCaseTypes(tx: Tx, journeyId: number, caseTypes: string[]) {
  tx.delete(journeyCaseTypes).where(eq(journeyCaseTypes.journeyId, journeyId)).run();
  for (const caseType of caseTypes) tx.insert(journeyCaseTypes).values({ caseType, journeyId }).run();
}

/**
 * Validates a journey form and also checks, even when other fields are wrong, what only the
 * database knows (a case type of another journey, a slug in use): every problem at once.
 * The change itself checks these again in its transaction.
 */
export function checkJourneyForm(db: Db, body: Record<string, unknown>, journeyId?: number): FormResult<JourneyForm> {
  const form = parseJourneyForm(body);
  const errors: FormErrors = form.ok ? {} : { ...form.errors };
  if (!errors.caseTypes) {
    const caseTypes = caseTypeLines.safeParse(form.values.caseTypes);
    const conflict = caseTypes.success ? caseTypeError(db, caseTypes.data, journeyId) : undefined;
    if (conflict) errors.caseTypes = conflict;
  }
  const slug = form.values.slug?.trim();
  if (journeyId === undefined && slug && !errors.slug && db.select({ id: journeys.id }).from(journeys).where(eq(journeys.slug, slug)).get()) {
    errors.slug = t.errors.slugTaken(slug);
  }
  if (Object.keys(errors).length === 0 && form.ok) return form;
  // In form order, as the error summary lists them.
  const ordered: FormErrors = {};
  for (const field of journeyFormFields) if (errors[field]) ordered[field] = errors[field];
  return { ok: false, values: form.values, errors: ordered };
}

/** Creates a journey (without touchpoints yet); its slug is the given one or made from the name. */
export function createJourney(db: Db, clock: Clock, by: ChangedBy, form: JourneyForm): ChangeResult<Journey> {
  return db.transaction((tx) => {
    const now = clock.now();
    const errors: FormErrors = {};
    const taken = new Set(tx.select({ slug: journeys.slug }).from(journeys).all().map((row) => row.slug));
    if (form.slug && taken.has(form.slug)) errors.slug = t.errors.slugTaken(form.slug);
    const conflict = caseTypeError(tx, form.caseTypes);
    if (conflict) errors.caseTypes = conflict;
    if (Object.keys(errors).length) return { ok: false, errors };

    const slug = form.slug || uniqueSlug(slugify(form.name, 'klantreis'), taken);
    const journey = tx
      .insert(journeys)
      .values({ slug, name: form.name, type: form.type, lifeEvent: form.lifeEvent, description: form.description, createdAt: now })
      .returning()
      .get();
    setCaseTypes(tx, journey.id, form.caseTypes);
    audit(tx, now, {
      action: 'journey.created',
      object: slug,
      result: 'success',
      ...by,
      details: { name: form.name, type: form.type, caseTypes: form.caseTypes.join(', ') },
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
    const conflict = caseTypeError(tx, form.caseTypes, journeyId);
    if (conflict) return { ok: false, errors: { caseTypes: conflict } };

    const caseTypesBefore = caseTypesOf(tx, journeyId);
    const changed = [
      before.name !== form.name && 'name',
      before.type !== form.type && 'type',
      before.lifeEvent !== form.lifeEvent && 'lifeEvent',
      before.description !== form.description && 'description',
      caseTypesBefore.join('\n') !== [...form.caseTypes].sort().join('\n') && 'caseTypes',
    ].filter((field): field is string => Boolean(field));
    const journey = tx
      .update(journeys)
      .set({ name: form.name, type: form.type, lifeEvent: form.lifeEvent, description: form.description, updatedAt: now })
      .where(eq(journeys.id, journeyId))
      .returning()
      .get();
    setCaseTypes(tx, journeyId, form.caseTypes);
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

// ── Touchpoints ────────────────────────────────────────────────────────────────────────────

function activeOf(tx: Store, journeyId: number): Touchpoint[] {
  return tx
    .select()
    .from(touchpoints)
    .where(and(eq(touchpoints.journeyId, journeyId), isNull(touchpoints.archivedAt)))
    .orderBy(asc(touchpoints.position), asc(touchpoints.id))
    .all();
}

/** Positions 0…n−1 in this order: the survey and the heart monitor follow them. */
function renumber(tx: Tx, ordered: Pick<Touchpoint, 'id' | 'position'>[]) {
  ordered.forEach((touchpoint, position) => {
    if (touchpoint.position !== position) tx.update(touchpoints).set({ position }).where(eq(touchpoints.id, touchpoint.id)).run();
  });
}

/** A touchpoint of this journey (archived or not). */
export function findTouchpoint(tx: Store, journeyId: number, touchpointId: number): Touchpoint | undefined {
  return tx
    .select()
    .from(touchpoints)
    .where(and(eq(touchpoints.id, touchpointId), eq(touchpoints.journeyId, journeyId)))
    .get();
}

const journeySlugOf = (tx: Store, journeyId: number) => tx.select({ slug: journeys.slug }).from(journeys).where(eq(journeys.id, journeyId)).get()?.slug;

const touchpointFields = (form: TouchpointForm) => ({
  name: form.touchpointName,
  channel: form.channel,
  serviceNorm: form.serviceNorm,
  momentOfTruth: form.momentOfTruth,
  askedByDefault: form.askedByDefault,
  question: form.question,
  questionEn: form.questionEn,
});

/** Adds a touchpoint at the end; its slug is made from its name, unique within the journey (archived ones included). */
export function addTouchpoint(db: Db, clock: Clock, by: ChangedBy, journeyId: number, form: TouchpointForm): ChangeResult<Touchpoint> | undefined {
  return db.transaction((tx) => {
    const journeySlug = journeySlugOf(tx, journeyId);
    if (!journeySlug) return undefined;
    const active = activeOf(tx, journeyId);
    if (active.length >= MAX_TOUCHPOINTS) return { ok: false, errors: { touchpointName: t.errors.tooManyTouchpoints(MAX_TOUCHPOINTS) } };
    const taken = new Set(
      tx
        .select({ slug: touchpoints.slug })
        .from(touchpoints)
        .where(eq(touchpoints.journeyId, journeyId))
        .all()
        .map((row) => row.slug),
    );
    const slug = uniqueSlug(slugify(form.touchpointName, 'contactmoment'), taken);
    const touchpoint = tx
      .insert(touchpoints)
      .values({ ...touchpointFields(form), journeyId, slug, position: active.length })
      .returning()
      .get();
    renumber(tx, [...active, touchpoint]);
    audit(tx, clock.now(), {
      action: 'touchpoint.created',
      object: `${journeySlug}/${slug}`,
      result: 'success',
      ...by,
      details: { name: form.touchpointName, channel: form.channel },
    });
    return { ok: true, value: touchpoint };
  });
}

/** Renames a touchpoint or changes its channel, norm, flags and questions; id and slug stay, so its answers do too. */
export function updateTouchpoint(
  db: Db,
  clock: Clock,
  by: ChangedBy,
  journeyId: number,
  touchpointId: number,
  form: TouchpointForm,
): ChangeResult<Touchpoint> | undefined {
  return db.transaction((tx) => {
    const before = findTouchpoint(tx, journeyId, touchpointId);
    if (!before) return undefined;
    const after = touchpointFields(form);
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((field) => before[field] !== after[field]);
    const touchpoint = tx.update(touchpoints).set(after).where(eq(touchpoints.id, touchpointId)).returning().get();
    audit(tx, clock.now(), {
      action: 'touchpoint.updated',
      object: `${journeySlugOf(tx, journeyId)}/${before.slug}`,
      result: 'success',
      ...by,
      details: { changed: changed.join(', ') || 'niets', ...(changed.includes('name') ? { from: before.name, to: after.name } : {}) },
    });
    return { ok: true, value: touchpoint };
  });
}

export type TouchpointChange = { ok: true } | { ok: false; status: 404 | 409 | 422; message: string };

const notFound: TouchpointChange = { ok: false, status: 404, message: t.errors.touchpointNotFound };

/** Moves an active touchpoint one place up or down. */
export function moveTouchpoint(db: Db, clock: Clock, by: ChangedBy, journeyId: number, touchpointId: number, direction: 'up' | 'down'): TouchpointChange {
  return db.transaction((tx) => {
    const active = activeOf(tx, journeyId);
    const index = active.findIndex((touchpoint) => touchpoint.id === touchpointId);
    if (index < 0) return findTouchpoint(tx, journeyId, touchpointId) ? { ok: false, status: 409, message: t.errors.cannotMove } : notFound;
    const target = direction === 'up' ? index - 1 : index + 1;
    if (target < 0 || target >= active.length) return { ok: false, status: 409, message: t.errors.cannotMove };
    const ordered = [...active];
    [ordered[index], ordered[target]] = [ordered[target]!, ordered[index]!];
    renumber(tx, ordered);
    audit(tx, clock.now(), {
      action: 'touchpoint.moved',
      object: `${journeySlugOf(tx, journeyId)}/${active[index]!.slug}`,
      result: 'success',
      ...by,
      details: { direction, from: index + 1, to: target + 1 },
    });
    return { ok: true };
  });
}

/** Archives a touchpoint: no longer asked, left out of new surveys and exports; its answers stay. */
export function archiveTouchpoint(db: Db, clock: Clock, by: ChangedBy, journeyId: number, touchpointId: number): TouchpointChange {
  return db.transaction((tx) => {
    const touchpoint = findTouchpoint(tx, journeyId, touchpointId);
    if (!touchpoint) return notFound;
    if (touchpoint.archivedAt) return { ok: false, status: 409, message: t.errors.alreadyArchived };
    const now = clock.now();
    tx.update(touchpoints).set({ archivedAt: now }).where(eq(touchpoints.id, touchpointId)).run();
    renumber(tx, activeOf(tx, journeyId));
    audit(tx, now, { action: 'touchpoint.archived', object: `${journeySlugOf(tx, journeyId)}/${touchpoint.slug}`, result: 'success', ...by });
    return { ok: true };
  });
}

/** Brings an archived touchpoint back, at the end of the journey, under its old id and slug. */
export function restoreTouchpoint(db: Db, clock: Clock, by: ChangedBy, journeyId: number, touchpointId: number): TouchpointChange {
  return db.transaction((tx) => {
    const touchpoint = findTouchpoint(tx, journeyId, touchpointId);
    if (!touchpoint) return notFound;
    if (!touchpoint.archivedAt) return { ok: false, status: 409, message: t.errors.notArchived };
    const active = activeOf(tx, journeyId);
    if (active.length >= MAX_TOUCHPOINTS) return { ok: false, status: 409, message: t.errors.tooManyTouchpoints(MAX_TOUCHPOINTS) };
    tx.update(touchpoints).set({ archivedAt: null, position: active.length }).where(eq(touchpoints.id, touchpointId)).run();
    renumber(tx, [...active, touchpoint]);
    audit(tx, clock.now(), { action: 'touchpoint.restored', object: `${journeySlugOf(tx, journeyId)}/${touchpoint.slug}`, result: 'success', ...by });
    return { ok: true };
  });
}

/** Why a touchpoint may not be deleted (it has history), or undefined when it may. */
function deleteRefusal(tx: Tx, journeyId: number, touchpointId: number, now: Date): string | undefined {
  const answered = tx.select({ n: count() }).from(answers).where(eq(answers.touchpointId, touchpointId)).get()?.n ?? 0;
  if (answered > 0) return t.errors.deleteHasAnswers(answered);
  const actions = tx.select({ n: count() }).from(improvementActions).where(eq(improvementActions.touchpointId, touchpointId)).get()?.n ?? 0;
  if (actions > 0) return t.errors.deleteHasActions(actions);
  // A citizen with an open link would see the step vanish from their survey.
  const open =
    tx
      .select({ n: count() })
      .from(sql`${invitations}, json_each(${invitations.touchpointIds}) AS asked`)
      .where(
        and(
          eq(invitations.journeyId, journeyId),
          eq(invitations.status, 'open'),
          gt(invitations.expiresAt, now),
          isNotNull(invitations.tokenHash),
          sql`asked.value = ${touchpointId}`,
        ),
      )
      .get()?.n ?? 0;
  if (open > 0) return t.errors.deleteOpenInvitations(open);
  return undefined;
}

/** Deletes a touchpoint that has no history (no answers, actions or open invitations); otherwise refuses and says why. */
export function deleteTouchpoint(db: Db, clock: Clock, by: ChangedBy, journeyId: number, touchpointId: number): TouchpointChange {
  return db.transaction((tx) => {
    const touchpoint = findTouchpoint(tx, journeyId, touchpointId);
    if (!touchpoint) return notFound;
    const now = clock.now();
    const object = `${journeySlugOf(tx, journeyId)}/${touchpoint.slug}`;
    const refusal = deleteRefusal(tx, journeyId, touchpointId, now);
    if (refusal) {
      audit(tx, now, { action: 'touchpoint.deleted', object, result: 'failure', ...by, details: { reason: refusal } });
      return { ok: false, status: 409, message: refusal };
    }
    tx.delete(touchpoints).where(eq(touchpoints.id, touchpointId)).run();
    renumber(tx, activeOf(tx, journeyId));
    audit(tx, now, { action: 'touchpoint.deleted', object, result: 'success', ...by, details: { name: touchpoint.name } });
    return { ok: true };
  });
}

// ── Import and export (the CLI's format and code) ─────────────────────────────────────────

const dutchErrors = z.locales.nl().localeError;

export type ImportOutcome = { ok: true; journeyId: number; created: boolean; definition: JourneyDefinition } | { ok: false; problems: string[] };

/** Validates JSON text as a journey definition: every problem on its own line, in Dutch where zod allows. */
export function parseDefinitionText(text: string): { ok: true; definition: JourneyDefinition } | { ok: false; problems: string[] } {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [t.importNotJson((error as Error).message)] };
  }
  const parsed = journeyDefinitionSchema.safeParse(input, { error: dutchErrors });
  return parsed.success ? { ok: true, definition: parsed.data } : { ok: false, problems: formatIssues(parsed.error) };
}

/**
 * Imports a journey from JSON text with the CLI's importJourney: created, or updated when its
 * slug exists (touchpoints matched by slug keep their ids and answers). Nothing is stored when
 * there is any problem.
 */
export function importDefinitionText(db: Db, clock: Clock, by: ChangedBy, text: string): ImportOutcome {
  const parsed = parseDefinitionText(text);
  if (!parsed.ok) {
    audit(db, clock.now(), { action: 'journey.imported', object: null, result: 'failure', ...by, details: { problems: parsed.problems.length } });
    return parsed;
  }
  const { definition } = parsed;
  try {
    const { journeyId, created } = importJourney(db, definition, clock);
    audit(db, clock.now(), {
      action: 'journey.imported',
      object: definition.slug,
      result: 'success',
      ...by,
      details: { created, touchpoints: definition.touchpoints.length, caseTypes: definition.caseTypes.join(', ') },
    });
    return { ok: true, journeyId, created, definition };
  } catch (error) {
    if (!(error instanceof JourneyImportError)) throw error;
    audit(db, clock.now(), { action: 'journey.imported', object: definition.slug, result: 'failure', ...by, details: { reason: error.message } });
    return { ok: false, problems: [error.message] };
  }
}

/** The export file of a journey, or undefined while it has no active touchpoint (a definition needs one). */
export function exportDefinitionText(db: Db, slug: string): string | undefined {
  const definition = exportJourney(db, slug);
  return definition && definition.touchpoints.length > 0 ? definitionJson(definition) : undefined;
}
