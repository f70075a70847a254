/*
 * Which items a journey asks (journey_items) and its own closed questions (custom_items). Adding
 * and removing keep history: a removed item is marked, so the export still knows the periods it
 * was asked; an invitation keeps the items it was made with (invitations.items).
 */
import { and, asc, eq, inArray, isNull, max } from 'drizzle-orm';
import type { Store, Tx } from '../db/client';
import { customItems, journeyItems, touchpoints, type AskedItem, type CustomItem, type ItemScale, type ItemTexts, type JourneyItem } from '../db/schema';
import { dutch, type CitizenTexts } from '../texts/citizen';
import { ANSWERED_ITEM, bankItem, isContactJourney, type ItemLevel } from './item-bank';
import { surveyItems, type SurveyItem } from './survey-items';

/** An item as the survey, the dashboard and the export know it: from the bank, or a journey's own. */
export interface ItemDefinition {
  code: string;
  scale: ItemScale;
  level: ItemLevel;
  driver: boolean;
  source: string;
  /** Own items only: the question and the keuze options per language (bank texts are in the language files). */
  custom?: { texts: ItemTexts; options: ItemTexts[] };
}

export const OWN_ITEM_SOURCE = 'Eigen vraag van de organisatie';

/** An item's Dutch question as staff read it: the bank's from the language file, an own item's as written. */
export const dutchQuestion = (definition: Pick<ItemDefinition, 'code' | 'custom'>, organisation: string): string =>
  definition.custom?.texts.nl ?? dutch.texts.items.question(definition.code, organisation) ?? definition.code;

const fromCustom = (row: CustomItem): ItemDefinition => ({
  code: row.code,
  scale: row.scale,
  level: 'journey',
  driver: row.scale !== 'keuze',
  source: OWN_ITEM_SOURCE,
  custom: { texts: row.texts, options: row.options },
});

/** The definitions of these codes (bank first, then own items); unknown codes are left out. */
export function itemDefinitions(store: Store, codes: readonly string[]): Map<string, ItemDefinition> {
  const found = new Map<string, ItemDefinition>();
  const own: string[] = [];
  for (const code of new Set(codes)) {
    const item = bankItem(code);
    if (item) found.set(code, item);
    else own.push(code);
  }
  if (own.length > 0) for (const row of store.select().from(customItems).where(inArray(customItems.code, own)).all()) found.set(row.code, fromCustom(row));
  return found;
}

/** The survey questions for the items an invitation was sent with (surveyItems), definitions read here. */
export function surveyItemsOf(
  store: Store,
  asked: readonly AskedItem[] | null,
  steps: readonly { id: number; slug: string }[],
  language: { code: string; texts: CitizenTexts },
  organisation: string,
): SurveyItem[] {
  if (!asked || asked.length === 0) return [];
  const definitions = itemDefinitions(
    store,
    asked.map((item) => item.code),
  );
  return surveyItems(asked, definitions, steps, language, organisation);
}

/** A journey's own items, oldest first (whether asked now or not). */
export function customItemsOf(store: Store, journeyId: number): CustomItem[] {
  return store.select().from(customItems).where(eq(customItems.journeyId, journeyId)).orderBy(asc(customItems.id)).all();
}

export type ActiveJourneyItem = JourneyItem & { definition: ItemDefinition };

/** The items a journey asks now, in order, with their definitions. */
export function activeJourneyItems(store: Store, journeyId: number): ActiveJourneyItem[] {
  const rows = store
    .select()
    .from(journeyItems)
    .where(and(eq(journeyItems.journeyId, journeyId), isNull(journeyItems.removedAt)))
    .orderBy(asc(journeyItems.position), asc(journeyItems.id))
    .all();
  const definitions = itemDefinitions(
    store,
    rows.map((row) => row.itemCode),
  );
  return rows.flatMap((row) => {
    const definition = definitions.get(row.itemCode);
    return definition ? [{ ...row, definition }] : [];
  });
}

/** What an invitation for these steps asks: the journey-level items and those of the asked steps, in the journey's order. */
export function itemsToAsk(active: readonly Pick<JourneyItem, 'itemCode' | 'touchpointId'>[], touchpointIds: readonly number[]): AskedItem[] {
  return active
    .filter((item) => item.touchpointId === null || touchpointIds.includes(item.touchpointId))
    .map((item) => ({ code: item.itemCode, touchpointId: item.touchpointId }));
}

export type ItemChangeError = 'unknown-item' | 'wrong-level' | 'unknown-touchpoint' | 'already-asked';

/** Adds an item to a journey (at the end), at journey level or at one of its active steps. */
export function addJourneyItem(
  tx: Tx,
  journeyId: number,
  code: string,
  touchpointId: number | null,
  now: Date,
): { ok: true; item: JourneyItem } | { ok: false; error: ItemChangeError } {
  const definition = itemDefinitions(tx, [code]).get(code);
  if (!definition || (definition.custom && tx.select({ journeyId: customItems.journeyId }).from(customItems).where(eq(customItems.code, code)).get()?.journeyId !== journeyId))
    return { ok: false, error: 'unknown-item' };
  if ((touchpointId === null && definition.level === 'touchpoint') || (touchpointId !== null && definition.level === 'journey')) return { ok: false, error: 'wrong-level' };
  if (touchpointId !== null) {
    const step = tx
      .select({ id: touchpoints.id })
      .from(touchpoints)
      .where(and(eq(touchpoints.id, touchpointId), eq(touchpoints.journeyId, journeyId), isNull(touchpoints.archivedAt)))
      .get();
    if (!step) return { ok: false, error: 'unknown-touchpoint' };
  }
  const asked = activeJourneyItems(tx, journeyId).some((item) => item.itemCode === code && item.touchpointId === touchpointId);
  if (asked) return { ok: false, error: 'already-asked' };
  const last = tx.select({ position: max(journeyItems.position) }).from(journeyItems).where(eq(journeyItems.journeyId, journeyId)).get();
  const item = tx
    .insert(journeyItems)
    .values({ journeyId, itemCode: code, touchpointId, position: (last?.position ?? -1) + 1, addedAt: now })
    .returning()
    .get();
  return { ok: true, item };
}

/** Stops asking an item; its answers and its period stay. Undefined when the journey does not ask it. */
export function removeJourneyItem(tx: Tx, journeyId: number, journeyItemId: number, now: Date): JourneyItem | undefined {
  return tx
    .update(journeyItems)
    .set({ removedAt: now })
    .where(and(eq(journeyItems.id, journeyItemId), eq(journeyItems.journeyId, journeyId), isNull(journeyItems.removedAt)))
    .returning()
    .get();
}

/** Moves an asked item one place up or down; false when it cannot move that way. */
export function moveJourneyItem(tx: Tx, journeyId: number, journeyItemId: number, direction: 'up' | 'down'): boolean {
  const list = activeJourneyItems(tx, journeyId);
  const index = list.findIndex((item) => item.id === journeyItemId);
  const other = list[direction === 'up' ? index - 1 : index + 1];
  if (index < 0 || !other) return false;
  // Positions may repeat after removals; renumber the whole list so the swap is exact.
  const order = list.map((entry) => entry.id);
  const target = direction === 'up' ? index - 1 : index + 1;
  [order[index], order[target]] = [other.id, list[index]!.id];
  order.forEach((id, position) => tx.update(journeyItems).set({ position }).where(eq(journeyItems.id, id)).run());
  return true;
}

export interface CustomItemInput {
  code: string;
  scale: 'keuze' | 'eens-1-5';
  texts: ItemTexts;
  options: ItemTexts[];
}

/** Makes a journey's own question and asks it at journey level; false when the code is taken. */
export function createCustomItem(tx: Tx, journeyId: number, input: CustomItemInput, now: Date): { ok: true; item: JourneyItem } | { ok: false; error: 'code-taken' } {
  if (bankItem(input.code) || tx.select({ id: customItems.id }).from(customItems).where(eq(customItems.code, input.code)).get()) return { ok: false, error: 'code-taken' };
  tx.insert(customItems).values({ ...input, journeyId, createdAt: now }).run();
  const added = addJourneyItem(tx, journeyId, input.code, null, now);
  if (!added.ok) throw new Error(`Own item ${input.code} could not be asked: ${added.error}`);
  return added;
}

/**
 * "Is uw vraag beantwoord?" on by default for a contact journey (every active step a contact
 * channel), once: a journey that ever had it, or had it removed, is left as the administrator
 * left it. Called whenever steps are added or changed. True when it was added now.
 */
export function ensureDefaultItems(tx: Tx, journeyId: number, now: Date): boolean {
  const everAsked = tx
    .select({ id: journeyItems.id })
    .from(journeyItems)
    .where(and(eq(journeyItems.journeyId, journeyId), eq(journeyItems.itemCode, ANSWERED_ITEM)))
    .get();
  if (everAsked) return false;
  const channels = tx
    .select({ channel: touchpoints.channel })
    .from(touchpoints)
    .where(and(eq(touchpoints.journeyId, journeyId), isNull(touchpoints.archivedAt)))
    .all()
    .map((row) => row.channel);
  if (!isContactJourney(channels)) return false;
  return addJourneyItem(tx, journeyId, ANSWERED_ITEM, null, now).ok;
}
