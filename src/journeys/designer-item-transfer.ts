/*
 * A journey's items in its JSON definition: exported in survey order (bank codes with the step's
 * slug, own questions with their definition) and imported so the journey asks exactly those,
 * keeping history: items no longer listed are removed softly, own questions are made only when
 * their code is free.
 */
import { eq } from 'drizzle-orm';
import type { Store, Tx } from '../db/client';
import { customItems, journeyItems, journeys, type Touchpoint } from '../db/schema';
import { activeJourneyItems, addJourneyItem, createCustomItem, moveJourneyItem, removeJourneyItem, type ItemChangeError } from '../items/journey-items';
import { itemDesigner } from '../texts';
import type { ItemDefinitionEntry } from './definition';

const e = itemDesigner.errors;

/**
 * The items a journey asks now at journey level or at one of these (active) steps, as its
 * definition lists them; undefined for a journey that never asked any (its file stays as before
 * the item bank), an empty list for one whose items were all removed.
 */
export function exportItems(store: Store, journeyId: number, steps: readonly Pick<Touchpoint, 'id' | 'slug'>[]): ItemDefinitionEntry[] | undefined {
  if (!store.select({ id: journeyItems.id }).from(journeyItems).where(eq(journeyItems.journeyId, journeyId)).get()) return undefined;
  const slugOf = new Map(steps.map((step) => [step.id, step.slug]));
  return activeJourneyItems(store, journeyId).flatMap((item): ItemDefinitionEntry[] => {
    if (item.touchpointId !== null && !slugOf.has(item.touchpointId)) return [];
    const own = item.definition.custom;
    return [
      {
        code: item.itemCode,
        ...(item.touchpointId === null ? {} : { touchpoint: slugOf.get(item.touchpointId)! }),
        ...(own ? { own: { scale: item.definition.scale as 'keuze' | 'eens-1-5', texts: own.texts, options: own.options } } : {}),
      },
    ];
  });
}

const importProblem = (code: string, error: ItemChangeError) => (error === 'wrong-level' ? e.importWrongLevel(code) : e.importUnknown(code));

/**
 * Makes the journey ask exactly these items in this order (its steps already imported, `steps`
 * the active ones). Items at archived steps are left alone. Returns the problem that stops the
 * import (the caller's transaction is then rolled back), or undefined.
 */
export function importItems(tx: Tx, journeyId: number, items: readonly ItemDefinitionEntry[], steps: readonly Pick<Touchpoint, 'id' | 'slug'>[], now: Date): string | undefined {
  const stepId = new Map(steps.map((step) => [step.slug, step.id]));
  const wanted = items.map((item) => ({ code: item.code, touchpointId: item.touchpoint === undefined ? null : (stepId.get(item.touchpoint) ?? null), own: item.own }));
  const key = (item: { code: string; touchpointId: number | null }) => `${item.code}@${item.touchpointId ?? ''}`;

  for (const item of wanted.filter((entry) => entry.own)) {
    const existing = tx.select({ journeyId: customItems.journeyId, slug: journeys.slug }).from(customItems).innerJoin(journeys, eq(journeys.id, customItems.journeyId)).where(eq(customItems.code, item.code)).get();
    if (existing && existing.journeyId !== journeyId) return e.importCodeTaken(item.code, existing.slug);
    if (!existing) createCustomItem(tx, journeyId, { code: item.code, ...item.own! }, now);
  }

  const listed = new Set(wanted.map(key));
  const activeSteps = new Set(steps.map((step) => step.id));
  for (const item of activeJourneyItems(tx, journeyId)) {
    const current = item.touchpointId === null || activeSteps.has(item.touchpointId);
    if (current && !listed.has(key({ code: item.itemCode, touchpointId: item.touchpointId }))) removeJourneyItem(tx, journeyId, item.id, now);
  }
  const asked = new Set(activeJourneyItems(tx, journeyId).map((item) => key({ code: item.itemCode, touchpointId: item.touchpointId })));
  for (const item of wanted) {
    if (asked.has(key(item))) continue;
    const added = addJourneyItem(tx, journeyId, item.code, item.touchpointId, now);
    if (!added.ok) return importProblem(item.code, added.error);
  }

  // In the listed order: each item moved up to its place (lists are short).
  wanted.forEach((item, target) => {
    for (;;) {
      const list = activeJourneyItems(tx, journeyId);
      const index = list.findIndex((entry) => key({ code: entry.itemCode, touchpointId: entry.touchpointId }) === key(item));
      if (index <= target || !moveJourneyItem(tx, journeyId, list[index]!.id, 'up')) break;
    }
  });
  return undefined;
}
