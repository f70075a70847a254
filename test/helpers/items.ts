/** The passport journey asking items of every kind, as several item tests need it. */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { journeys, touchpoints } from '../../src/db/schema';
import { addJourneyItem, createCustomItem, type CustomItemInput } from '../../src/items/journey-items';
import type { TestContext } from './test-context';

export const journeyIdOf = (ctx: TestContext, slug: string) => ctx.db.select().from(journeys).where(eq(journeys.slug, slug)).get()!.id;

export const stepIdOf = (ctx: TestContext, journeyId: number, slug: string) =>
  ctx.db
    .select()
    .from(touchpoints)
    .where(eq(touchpoints.journeyId, journeyId))
    .all()
    .find((step) => step.slug === slug)!.id;

/**
 * Paspoort asks "Is uw vraag beantwoord?" for the journey, bejegening at the counter, "serieus
 * genomen" for the journey and an own keuze question (its second option has no English text).
 */
export function askPassportItems(ctx: TestContext): number {
  const journeyId = journeyIdOf(ctx, 'paspoort-aanvragen');
  const now = ctx.clock.now();
  ctx.db.transaction((tx) => {
    expect(addJourneyItem(tx, journeyId, 'MH-BEANTWOORD', null, now).ok).toBe(true);
    expect(addJourneyItem(tx, journeyId, 'BP-BEJEGENING', stepIdOf(ctx, journeyId, 'balie'), now).ok).toBe(true);
    expect(addJourneyItem(tx, journeyId, 'MH-SERIEUS', null, now).ok).toBe(true);
    const own: CustomItemInput = {
      code: 'EIGEN-UITLEG',
      scale: 'keuze',
      texts: { nl: 'Hoe hoorde u van de nieuwe regels?', en: 'How did you hear about the new rules?' },
      options: [{ nl: 'Via de website', en: 'Website' }, { nl: 'Via een brief' }],
    };
    expect(createCustomItem(tx, journeyId, own, now).ok).toBe(true);
  });
  return journeyId;
}
