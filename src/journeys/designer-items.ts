/*
 * The journey designer's items: which questions from the item bank (and own closed questions) a
 * journey asks, in which order, and how long its survey takes. Each change is one transaction
 * with its audit line; removing only stops asking (answers and the period asked stay).
 */
import { asc, eq } from 'drizzle-orm';
import { audit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db, Store, Tx } from '../db/client';
import { journeys, type JourneyItem, touchpoints, type ItemScale, type Touchpoint } from '../db/schema';
import { BANK_ITEMS, estimatedSeconds, MAX_SURVEY_SECONDS } from '../items/item-bank';
import {
  activeJourneyItems,
  addJourneyItem,
  createCustomItem,
  customItemsOf,
  dutchQuestion,
  ensureDefaultItems,
  itemsToAsk,
  moveJourneyItem,
  OWN_ITEM_SOURCE,
  removeJourneyItem,
  type ActiveJourneyItem,
  type CustomItemInput,
  type ItemChangeError,
} from '../items/journey-items';
import { itemDesigner } from '../texts';
import type { ChangedBy, ChangeResult } from './designer-journeys';
import { touchpointsToAsk } from './survey-steps';

const t = itemDesigner;

// ── Reading ────────────────────────────────────────────────────────────────────────────────

/** An item the journey asks now, as the designer lists it. */
export interface DesignerItem {
  id: number;
  code: string;
  /** The Dutch question as citizens read it. */
  question: string;
  scale: ItemScale;
  /** The step's name at touchpoint level; undefined at journey level. */
  stepName?: string;
  /** At a step that was archived since: not asked until the step is restored. */
  stepArchived?: boolean;
}

/** An item the journey can still add: from the bank, or one of its own it no longer asks. */
export interface AvailableItem {
  code: string;
  question: string;
  scale: ItemScale;
  source: string;
  /** Whether it may be asked once for the whole journey (every item but a touchpoint-only one). */
  journeyLevel: boolean;
  /** The steps it is asked at now. */
  askedAt: string[];
  /** The active steps it can still be added at (none when it is for the journey only). */
  steps: { id: number; name: string }[];
}

export interface DesignerItems {
  asked: DesignerItem[];
  available: AvailableItem[];
  estimate: { seconds: number; steps: number; items: number; tooLong: boolean; max: number };
}

/** All the journey's steps (archived ones too, which an item may still point at), in order. */
const stepsOf = (store: Store, journeyId: number): Touchpoint[] =>
  store.select().from(touchpoints).where(eq(touchpoints.journeyId, journeyId)).orderBy(asc(touchpoints.position), asc(touchpoints.id)).all();

/** How long the survey of the steps asked by default takes with these items, and whether that is too long. */
function surveyEstimate(active: readonly ActiveJourneyItem[], steps: Touchpoint[]): DesignerItems['estimate'] {
  const askedSteps = touchpointsToAsk(steps);
  const asked = itemsToAsk(
    active,
    askedSteps.map((step) => step.id),
  );
  const scaleOf = new Map(active.map((item) => [item.itemCode, item.definition.scale]));
  const seconds = estimatedSeconds(
    askedSteps.length,
    asked.map((item) => scaleOf.get(item.code)!),
  );
  return { seconds, steps: askedSteps.length, items: asked.length, tooLong: seconds > MAX_SURVEY_SECONDS, max: MAX_SURVEY_SECONDS };
}

/** What the designer shows of a journey's items: asked now in order, what can be added, and the survey's estimated length. */
export function designerItems(store: Store, journeyId: number, organisation: string): DesignerItems {
  const active = activeJourneyItems(store, journeyId);
  const allSteps = stepsOf(store, journeyId);
  const steps = allSteps.filter((step) => step.archivedAt === null);
  const stepOf = new Map(allSteps.map((step) => [step.id, step]));
  const asked = active.map((item) => {
    const step = item.touchpointId === null ? undefined : stepOf.get(item.touchpointId);
    return {
      id: item.id,
      code: item.itemCode,
      question: dutchQuestion(item.definition, organisation),
      scale: item.definition.scale,
      ...(step ? { stepName: step.name, ...(step.archivedAt ? { stepArchived: true } : {}) } : {}),
    };
  });
  const askedAtJourney = new Set(active.filter((item) => item.touchpointId === null).map((item) => item.itemCode));
  const askedSteps = (code: string) => active.filter((item) => item.itemCode === code && item.touchpointId !== null).map((item) => item.touchpointId!);
  const bank = BANK_ITEMS.filter((item) => !askedAtJourney.has(item.code)).map((item) => {
    const taken = askedSteps(item.code);
    return {
      code: item.code,
      question: dutchQuestion(item, organisation),
      scale: item.scale,
      source: item.source,
      journeyLevel: item.level !== 'touchpoint',
      askedAt: taken.flatMap((id) => stepOf.get(id)?.name ?? []),
      steps: item.level === 'journey' ? [] : steps.filter((step) => !taken.includes(step.id)).map((step) => ({ id: step.id, name: step.name })),
    };
  });
  const ownNotAsked = customItemsOf(store, journeyId)
    .filter((item) => !askedAtJourney.has(item.code))
    .map((item) => ({ code: item.code, question: item.texts.nl, scale: item.scale, source: OWN_ITEM_SOURCE, journeyLevel: true, askedAt: [], steps: [] }));
  return { asked, available: [...bank, ...ownNotAsked], estimate: surveyEstimate(active, steps) };
}

// ── Changes ────────────────────────────────────────────────────────────────────────────────

export type ItemChange = { ok: true } | { ok: false; status: 404 | 409 | 422; message: string };

const journeySlugOf = (tx: Store, journeyId: number) => tx.select({ slug: journeys.slug }).from(journeys).where(eq(journeys.id, journeyId)).get()?.slug;

/** The audit object of an item: "journey/CODE", or "journey/CODE@step" at a step. */
function itemObject(tx: Store, journeyId: number, item: Pick<JourneyItem, 'itemCode' | 'touchpointId'>): string {
  const step = item.touchpointId === null ? undefined : tx.select({ slug: touchpoints.slug }).from(touchpoints).where(eq(touchpoints.id, item.touchpointId)).get()?.slug;
  return `${journeySlugOf(tx, journeyId)}/${item.itemCode}${step ? `@${step}` : ''}`;
}

const refusals: Record<ItemChangeError, Extract<ItemChange, { ok: false }>> = {
  'unknown-item': { ok: false, status: 422, message: t.errors.unknownItem },
  'wrong-level': { ok: false, status: 422, message: t.errors.wrongLevel },
  'unknown-touchpoint': { ok: false, status: 422, message: t.errors.unknownStep },
  'already-asked': { ok: false, status: 409, message: t.errors.alreadyAsked },
};

/** Asks an item from the bank (or an own item of this journey) once for the journey (`touchpointId` null) or at one active step. */
export function addDesignerItem(db: Db, clock: Clock, by: ChangedBy, journeyId: number, code: string, touchpointId: number | null): ItemChange {
  return db.transaction((tx) => {
    const now = clock.now();
    const added = addJourneyItem(tx, journeyId, code, touchpointId, now);
    const object = added.ok ? itemObject(tx, journeyId, added.item) : `${journeySlugOf(tx, journeyId)}/${code.slice(0, 40)}`;
    audit(tx, now, { action: 'journey.item.added', object, result: added.ok ? 'success' : 'failure', ...by, details: added.ok ? { level: touchpointId === null ? 'journey' : 'touchpoint' } : { reason: added.error } });
    return added.ok ? { ok: true } : refusals[added.error];
  });
}

/** Stops asking an item; its answers and the period it was asked stay (the export still has them). */
export function removeDesignerItem(db: Db, clock: Clock, by: ChangedBy, journeyId: number, journeyItemId: number): ItemChange {
  return db.transaction((tx) => {
    const now = clock.now();
    const removed = removeJourneyItem(tx, journeyId, journeyItemId, now);
    if (!removed) return { ok: false, status: 404, message: t.errors.notAsked };
    audit(tx, now, { action: 'journey.item.removed', object: itemObject(tx, journeyId, removed), result: 'success', ...by });
    return { ok: true };
  });
}

/** Moves an asked item one place up or down in the survey. */
export function moveDesignerItem(db: Db, clock: Clock, by: ChangedBy, journeyId: number, journeyItemId: number, direction: 'up' | 'down'): ItemChange {
  return db.transaction((tx) => {
    const item = activeJourneyItems(tx, journeyId).find((entry) => entry.id === journeyItemId);
    if (!item) return { ok: false, status: 404, message: t.errors.notAsked };
    if (!moveJourneyItem(tx, journeyId, journeyItemId, direction)) return { ok: false, status: 409, message: t.errors.cannotMove };
    audit(tx, clock.now(), { action: 'journey.item.moved', object: itemObject(tx, journeyId, item), result: 'success', ...by, details: { direction } });
    return { ok: true };
  });
}

/** Makes a journey's own closed question and asks it once for the journey; refused when its code is taken. */
export function addOwnItem(db: Db, clock: Clock, by: ChangedBy, journeyId: number, input: CustomItemInput): ChangeResult<JourneyItem> {
  return db.transaction((tx) => {
    const now = clock.now();
    const created = createCustomItem(tx, journeyId, input, now);
    if (!created.ok) return { ok: false, errors: { ownCode: t.errors.codeTaken(input.code) } };
    audit(tx, now, {
      action: 'journey.item.created',
      object: itemObject(tx, journeyId, created.item),
      result: 'success',
      ...by,
      details: { scale: input.scale, options: input.options.length, languages: Object.keys(input.texts).join(', ') },
    });
    return { ok: true, value: created.item };
  });
}

/** ensureDefaultItems after the designer changed a journey's steps, with an audit line when it added "Is uw vraag beantwoord?". */
export function ensureDefaultItemsAudited(tx: Tx, now: Date, by: ChangedBy, journeyId: number): void {
  if (!ensureDefaultItems(tx, journeyId, now)) return;
  const added = activeJourneyItems(tx, journeyId).at(-1)!;
  audit(tx, now, { action: 'journey.item.added', object: itemObject(tx, journeyId, added), result: 'success', ...by, details: { level: 'journey', reason: 'default for a contact journey' } });
}
