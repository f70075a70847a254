/**
 * "Vergelijk per": only a key the journey has answers for compares anything, and when every group
 * is below the minimum size the panel says so instead of an empty chart and a header-only table.
 */
import { describe, expect, it } from 'vitest';
import { nl } from '../../src/texts';
import { addKnownAnswers } from '../helpers/known-answers';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext } from '../helpers/test-context';

describe('the comparison per segment key', () => {
  it('ignores a key the journey has no answers for, and explains groups that are all too small', async () => {
    const ctx = createTestContext();
    const now = ctx.clock.now().getTime();
    // Paspoort: 12 answers split over four districts of 3 (each below 10); verhuizing has an age key only.
    addKnownAnswers(ctx, 12, (i) => ({ at: new Date(now - (i + 1) * 3_600_000), feelings: { balie: 1 }, segment: { wijk: `Wijk ${i % 4}` } }));
    addKnownAnswers(ctx, 3, (i) => ({ journey: 'verhuizing-doorgeven', at: new Date(now - (i + 1) * 3_600_000), feelings: { bevestiging: 1 }, segment: { leeftijd: '65+' } }));
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    const get = asStaff(ctx.app, cookie!);

    const tooSmall = await (await get('/dashboard?reis=paspoort-aanvragen&vergelijk=wijk')).text();
    expect(tooSmall).toContain(nl.dashboard.comparison.noneShown(10));
    expect(tooSmall).not.toContain('id="vergelijking-grafiek"');

    const otherJourneysKey = await (await get('/dashboard?reis=paspoort-aanvragen&vergelijk=leeftijd')).text();
    expect(otherJourneysKey).not.toContain('id="vergelijking-titel"');
    expect(otherJourneysKey).not.toContain('<option value="leeftijd"');
  });
});
