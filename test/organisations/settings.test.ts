/** Settings per organisation (issue 24): each organisation's own choice, else the hosting organisation's, else the default. */
import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/organisations/organisations';
import { getSetting, setSetting } from '../../src/settings';
import { createTestContext } from '../helpers/test-context';

describe('settings per organisation', () => {
  it("follow the hosting organisation's choice until the organisation makes its own, which affects no one else", () => {
    const ctx = createTestContext();
    const svb = createOrganisation(ctx.db, ctx.clock, { name: 'Sociale Verzekeringsbank', slug: 'svb' });
    const pfzw = createOrganisation(ctx.db, ctx.clock, { name: 'Pensioenfonds', slug: 'pfzw' });
    expect(getSetting(ctx.db, 'callbackOfferToAll', svb.id)).toBe(false);
    setSetting(ctx.db, 'callbackOfferToAll', true, ctx.clock.now());
    expect(getSetting(ctx.db, 'callbackOfferToAll', svb.id)).toBe(true);
    setSetting(ctx.db, 'callbackOfferToAll', false, ctx.clock.now(), svb.id);
    expect(getSetting(ctx.db, 'callbackOfferToAll', svb.id)).toBe(false);
    expect(getSetting(ctx.db, 'callbackOfferToAll')).toBe(true);
    expect(getSetting(ctx.db, 'callbackOfferToAll', pfzw.id)).toBe(true);
    setSetting(ctx.db, 'surveyFacesForEmail', true, ctx.clock.now(), pfzw.id);
    expect(getSetting(ctx.db, 'surveyFacesForEmail', pfzw.id)).toBe(true);
    expect(getSetting(ctx.db, 'surveyFacesForEmail', svb.id)).toBe(false);
    expect(getSetting(ctx.db, 'surveyFacesForEmail')).toBe(false);
  });
});
